/** The local host is as strict as Forge: @forge/csp's policy, a sandboxed cross-origin frame, a postMessage bridge. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { parse, stringify } from 'yaml';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Frame, Page } from 'playwright-core';
import { handler } from '../../src';
import { JiraEmulator } from '../../dev/jira/emulator';
import { KvsStore } from '../../dev/host/kvsStore';
import { startHost } from '../../dev/host/server';
import { demoSite, ROOT, user } from '../support/harness';
import { appFrame, hostAndBrowser } from '../support/browser';

const site = demoSite();
const env = hostAndBrowser(site);

/** What Atlassian's package says the policy is, for this host page as the embedding site. */
function policyFromForgeCsp(hostname: string): string {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));
  const resource = manifest.resources.find((r: { key: string }) => r.key === 'main');
  const html = readFileSync(join(ROOT, resource.path, 'index.html'));
  const processing = new CSPProcessingService({ info: () => undefined }, load as never);
  const details = processing.getCspDetails(html, manifest.permissions);
  return new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname }).join('; ');
}

/** The sources (or flags) of one directive of a policy. */
const directive = (policy: string, name: string) =>
  policy.split('; ').find((d) => d.startsWith(`${name} `))!.split(' ').slice(1);

/** What the app's frame recorded and can call: the bridge as @forge/bridge sees it. */
type BridgeWindow = { __hostCalls: { cmd: string }[]; __bridge: { callBridge: (cmd: string) => Promise<any> } };
const callBridge = (frame: Frame, cmd: string) =>
  frame.evaluate((c) => (window as unknown as BridgeWindow).__bridge.callBridge(c), cmd);
const bridgeCommands = (frame: Frame) => frame.evaluate(() => (window as unknown as BridgeWindow).__hostCalls.map((c) => c.cmd));

async function openProjectPage(theme = 'light'): Promise<Page> {
  const page = await env.open({ user: user(site, 'Sanne'), module: 'project-HAR', theme });
  await page.frameLocator('#app').getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
  return page;
}

test('every Custom UI response carries exactly the policy @forge/csp computes for the built index.html', async () => {
  const expected = policyFromForgeCsp(env.host.url);
  const { app } = env.host;
  expect(new URL(app.url).origin).not.toBe(env.host.url);
  const index = await fetch(app.url);
  const html = await index.text();
  const script = html.match(/<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/)![1];
  const urls = [app.url, new URL(script, app.url).href, new URL('/__host/bridge.js', app.url).href,
    new URL('__LOCALES__/nl-NL.json', app.url).href, new URL('no-such-file.js', app.url).href];
  for (const url of urls) {
    const res = await fetch(url);
    expect([url, res.headers.get('content-security-policy')]).toEqual([url, expected]);
  }
  // What the policy means for this app: inline styles (Atlaskit) allowed, inline scripts not, framed only by Jira.
  expect(directive(expected, 'style-src')).toContain("'unsafe-inline'");
  expect(directive(expected, 'script-src')).not.toContain("'unsafe-inline'");
  expect(directive(expected, 'frame-ancestors')).toContain(env.host.url);

  const page = await openProjectPage();
  const sandbox = await page.locator('#app').getAttribute('sandbox');
  expect(sandbox!.split(' ').sort()).toEqual(directive(expected, 'sandbox').sort());
  await page.close();
});

test('the violation detector reports an inline script in the app frame, and the CSP blocks it', async () => {
  const page = await openProjectPage();
  expect(env.cspViolations).toEqual([]);
  const frame = appFrame(page);
  await frame.evaluate(() => {
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(inline);
  });
  // Both reports (the event and Chromium's console error) arrive asynchronously.
  await page.waitForTimeout(500);
  expect(await frame.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  const seen = env.cspViolations.splice(0); // seen on purpose: this test must not fail on them
  expect(seen).toEqual(expect.arrayContaining([
    expect.stringMatching(/^app frame http:\/\/127\.0\.0\.1:\d+\/app\/index\.html: script-src-elem blocked inline/),
    expect.stringMatching(/^console: .*script.*violates the following Content Security Policy directive 'script-src /),
  ]));
  await page.close();
});

test("without the manifest's styles permission the CSP blocks the styles Atlaskit inserts, and the detector reports them", async () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));
  delete manifest.permissions.content;
  const manifestFile = join(mkdtempSync(join(tmpdir(), 'sc-manifest-')), 'manifest.yml');
  writeFileSync(manifestFile, stringify(manifest));
  const strict = await startHost({ staticDir: join(ROOT, 'static', 'app', 'dist'), store: new KvsStore(null),
    emulator: new JiraEmulator(demoSite()), handler: handler as never, manifestFile });
  try {
    expect(directive(strict.app.csp, 'style-src')).not.toContain("'unsafe-inline'");
    const page = await env.open({ user: user(site, 'Sanne'), module: 'project-HAR' }, { host: strict });
    await page.frameLocator('#app').getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
    const seen = env.cspViolations.splice(0); // expected here: this test must not fail on them
    expect(seen.filter((v) => /^app frame .*: style-src-elem blocked inline/.test(v)).length).toBeGreaterThan(0);
    await page.close();
  } finally {
    await strict.close();
    // The Forge runtime is process-wide (globals): give it back to this file's host.
    env.host.runtime.install();
  }
});

test('theming: the host answers enableTheming with its theme and pushes a change without reloading the app', async () => {
  const page = await openProjectPage('light');
  const frame = appFrame(page);
  await frame.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true; });
  expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('light');
  const lightBackground = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.selectOption('#theme', 'dark');
  await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
  await frame.waitForFunction((light) => getComputedStyle(document.body).backgroundColor !== light, lightBackground);
  expect(await frame.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect((await bridgeCommands(frame)).filter((c) => c === 'enableTheming')).toHaveLength(1);
  // The context the app reads afterwards has the new theme too.
  expect((await callBridge(frame, 'getContext')).theme.colorMode).toBe('dark');
  await page.close();
});

test('the bridge checks origins both ways: the host answers only the mounted app frame, the frame only its parent', async () => {
  const page = await openProjectPage();
  // A theme message from the frame itself (not from the host page) changes nothing.
  const frame = appFrame(page);
  await frame.evaluate(() => window.postMessage({ type: 'forge-theme', theme: { colorMode: 'dark' } }, '*'));
  await page.waitForTimeout(300);
  expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('light');

  // A second copy of the app that the host did not mount asks for its context: no answer, so it never renders.
  await page.evaluate((src) => {
    const rogue = document.createElement('iframe');
    rogue.id = 'rogue';
    rogue.setAttribute('sandbox', document.getElementById('app')!.getAttribute('sandbox')!);
    rogue.src = src;
    document.body.appendChild(rogue);
  }, env.host.app.url);
  const rogue = await (await page.waitForSelector('#rogue')).contentFrame();
  const askedForContext = () => (window as unknown as Partial<BridgeWindow>).__hostCalls?.some((c) => c.cmd === 'getContext');
  await rogue!.waitForFunction(askedForContext);
  await page.waitForTimeout(1000);
  expect(await rogue!.evaluate(() => document.getElementById('root')!.childElementCount)).toBe(0);
  await page.close();
});

test('a modal module closes itself with view.close(); the host removes its iframe, and other modules are not closable', async () => {
  const page = await env.open({ user: user(site, 'Sanne'), module: 'sprint-HAR' });
  const app = page.frameLocator('#app');
  await app.getByRole('button', { name: 'Close' }).click();
  await page.locator('#closed').getByText('Sprint action — Harbor board, active sprint was closed by the app').waitFor();
  expect(await page.locator('#app').count()).toBe(0);
  await page.getByRole('button', { name: 'Open again' }).click();
  await app.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });

  // A project page is not a dialog: no Close button, and Jira answers view.close() with false.
  const project = await openProjectPage();
  expect(await project.frameLocator('#app').getByRole('button', { name: 'Close' }).count()).toBe(0);
  expect(await callBridge(appFrame(project), 'close')).toBe(false);
  expect(await project.locator('#app').count()).toBe(1);
  await page.close();
  await project.close();
});

test('display conditions: in a business project Jira shows no project page, and the host says why', async () => {
  const page = await env.open({ user: user(site, 'Sanne'), module: 'project-MKT' });
  await page.locator('#not-shown').getByText('its display conditions fail (projectType is business, not software)').waitFor();
  expect(await page.locator('#app').count()).toBe(0);
  await page.selectOption('#module', 'project-HAR');
  await page.frameLocator('#app').getByTestId('sprint-facts').waitFor({ timeout: 30_000 });
  await page.close();
});
