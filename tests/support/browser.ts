import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Site } from '../../dev/jira/site';
import { ROOT, startLocalHost } from './harness';

export const SCREENSHOTS = join(ROOT, 'tests', 'browser', 'screenshots');

/** Debian's Chromium, headless, with no background network (the machine has none). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A local host on `site` and a browser for the tests of one file, started before and closed after them. */
export function hostAndBrowser(site: Site) {
  const env = {} as { host: Awaited<ReturnType<typeof startLocalHost>>; browser: Browser };
  beforeAll(async () => {
    env.host = await startLocalHost(site);
    env.browser = await launchBrowser();
  });
  afterAll(async () => { await env.browser?.close(); await env.host?.close(); });
  return env;
}
