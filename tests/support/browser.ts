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
    // SC_FAULT_RATE=0.1 makes Jira fail 10% of requests with 429/503: the resilience run.
    env.host = await startLocalHost(site, { faultRate: Number(process.env.SC_FAULT_RATE ?? 0), faultSeed: 7 });
    env.browser = await launchBrowser();
  });
  afterAll(async () => { await env.browser?.close(); await env.host?.close(); });
  return env;
}

/** Serious and critical axe-core violations in the app's iframe (an empty list is the goal). */
export async function accessibilityProblems(page: import('playwright-core').Page): Promise<string[]> {
  const frame = page.frames().find((f) => f.url().includes('/app/index.html'));
  if (!frame) throw new Error('the app frame is not loaded');
  await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
}
