/** Judge: the resolvers the suites exercise are the backend as @forge/bundler bundles it for `forge deploy`. */
import { join } from 'node:path';
import { RESOLVER_KEYS } from '../../src/resolvers';
import { bundleCacheDir, bundleKey, loadFunctionHandler, manifestFunctions } from '../support/forgeBundle';
import { demoSite, resolverFunction, startBackend, user, type Backend } from '../support/harness';

const currentBundleDir = () => join(bundleCacheDir(), bundleKey());
const resolverModule = () => manifestFunctions().find((f) => f.key === 'resolver')!;

test('the harness runs the resolver function from the bundle of the current sources, not from src/', () => {
  expect(resolverFunction.file).toBe(join(currentBundleDir(), `${resolverModule().module}.cjs`));
});

test('every function in manifest.yml has its handler exported by the bundle', () => {
  for (const fn of manifestFunctions()) {
    const loaded = loadFunctionHandler(fn.key);
    const expected = join(currentBundleDir(), `${fn.module}.cjs`);
    expect({ key: fn.key, file: loaded.file }).toEqual({ key: fn.key, file: expected });
  }
});

describe('through the bundle', () => {
  const site = demoSite();
  const sanne = user(site, 'Sanne');
  let backend: Backend;
  beforeAll(async () => { backend = await startBackend(site); });
  afterAll(() => backend.close());

  test('a call fails inside the bundled code: the innermost stack frame is in the bundle', async () => {
    const failure = await backend.invoke('noSuchResolver', {}, sanne).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("Resolver has no definition for 'noSuchResolver'.");
    // The bundled file itself, or (once jest maps it through the bundle's source map) a webpack:/ address;
    // from src/ it would be node_modules/@forge/resolver/out/index.js.
    const innermostFrame = (failure as Error).stack!.split('\n').find((line) => line.trim().startsWith('at ')) ?? '';
    const bundled = join(currentBundleDir(), `${resolverModule().module}.cjs`);
    const fromBundle = innermostFrame.includes(`(${bundled}:`) || innermostFrame.includes('(webpack:/');
    expect({ innermostFrame, fromBundle }).toEqual({ innermostFrame, fromBundle: true });
  });

  test('every resolver key answers with an envelope through the bundled handler', async () => {
    const answers: Record<string, unknown> = {};
    for (const key of RESOLVER_KEYS) {
      const answer = await backend.invoke(key, {}, sanne).catch((error: Error) => `threw: ${error.message}`);
      answers[key] = typeof answer === 'object' && answer !== null && 'ok' in answer ? 'envelope' : answer;
    }
    expect(answers).toEqual(Object.fromEntries(RESOLVER_KEYS.map((key) => [key, 'envelope'])));
  });

  test("the bundle's own @forge/api and @forge/kvs reach Jira and the store through the runtime shim", async () => {
    backend.emulator.resetCounts();
    const boards = await backend.invoke('getBoards', { projectKey: 'HAR' }, sanne);
    expect(boards).toEqual(expect.objectContaining({ ok: true, data: [expect.objectContaining({ id: 1 })] }));
    expect(backend.emulator.count('/rest/agile/1.0/board')).toBeGreaterThan(0);

    const stakeholder = { accountId: null, name: 'Bundled Co', power: 2, interest: 4 };
    const saved = await backend.invoke('saveStakeholder', { projectKey: 'HAR', stakeholder }, sanne);
    expect(saved).toEqual(expect.objectContaining({ ok: true }));
    expect(JSON.stringify(backend.store.snapshot())).toContain('Bundled Co');
  });
});
