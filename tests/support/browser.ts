/**
 * Browser tests' one way to open the local host: Chromium on the host page, the app in its
 * cross-origin sandboxed iframe under Forge's CSP, and every CSP violation recorded and failing the test.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
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

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Another local host to open (default: the one of this test file). */
  host?: { url: string };
}

export interface BrowserEnv {
  host: Awaited<ReturnType<typeof startLocalHost>>;
  browser: Browser;
  /** CSP violations seen since the test began; each test fails if any are left at its end. */
  cspViolations: string[];
  /** The host page in a fresh browser context (one person, one laptop) with `params` (user, module, theme, locale). */
  open(params: Record<string, string>, options?: OpenOptions): Promise<Page>;
}

/** Where in the page a violation happened: the app's frame or the host page. */
const frameName = (frame: Frame) => (frame.parentFrame() ? `app frame ${frame.url()}` : 'host page');

/**
 * Listens for violations in every frame of the context: the `securitypolicyviolation` event (through a
 * binding and an init script, which the CSP does not govern) and Chromium's 'Refused to …' console errors.
 */
async function recordCspViolations(context: BrowserContext, into: string[]) {
  await context.exposeBinding('__recordCspViolation', ({ frame }, what: string) => {
    into.push(`${frameName(frame)}: ${what}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
      const record = (window as unknown as { __recordCspViolation: (what: string) => void }).__recordCspViolation;
      record(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${where} ${e.sample}`.trim());
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Refused to|Content Security Policy/.test(message.text())) {
      into.push(`console: ${message.text()}`);
    }
  });
}

/** A local host on `site` and a browser for the tests of one file, started before and closed after them. */
export function hostAndBrowser(site: Site): BrowserEnv {
  /** Contexts opened by the running test, closed after it (awaited: nothing outlives the test). */
  const contexts: BrowserContext[] = [];
  const env = {
    cspViolations: [] as string[],
    async open(params: Record<string, string>, options: OpenOptions = {}) {
      const context = await env.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 1000 } });
      contexts.push(context);
      await recordCspViolations(context, env.cspViolations);
      const page = await context.newPage();
      await page.goto(`${(options.host ?? env.host).url}/?${new URLSearchParams(params)}`);
      return page;
    },
  } as BrowserEnv;
  beforeAll(async () => {
    // SC_FAULT_RATE=0.1 makes Jira fail 10% of requests with 429/503: the resilience run.
    env.host = await startLocalHost(site, { faultRate: Number(process.env.SC_FAULT_RATE ?? 0), faultSeed: 7 });
    env.browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    const seen = env.cspViolations.splice(0);
    if (seen.length > 0) throw new Error(`Content-Security-Policy violations:\n${seen.join('\n')}`);
  });
  afterAll(async () => { await env.browser?.close(); await env.host?.close(); });
  return env;
}

/** The app's iframe in the host page (the Custom UI's own origin). */
export function appFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().includes('/app/index.html'));
  if (!frame) throw new Error('the app frame is not loaded');
  return frame;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe-core violations in the app's iframe (an empty list is the goal). axe's source
 * is evaluated in the frame: a <script> tag (addScriptTag) would be an inline script the CSP blocks.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const frame = appFrame(page);
  await frame.evaluate(AXE_SOURCE);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
}
