/** The backend as `forge deploy` bundles it (Atlassian's @forge/bundler), cached per source state, and its handlers. */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const REPO_ROOT = join(__dirname, '..', '..');
/** Files whose change can change the bundle: the sources, the manifest, the compiler set-up and the locked packages. */
const BUNDLE_INPUTS = ['src', 'manifest.yml', 'tsconfig.json', 'package-lock.json'];
/** Bundles of older source states kept beside the current one (switching branches back and forth stays fast). */
const KEEP_OLD_BUNDLES = 2;
/** Written last into a finished bundle directory: a directory without it is not a bundle. */
const BUNDLE_RECORD = 'bundle.json';
/** A bundle being copied into the cache; one left by a run that died is removed after an hour. */
const PARTIAL_MARK = '.partial-';
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** `SC_BACKEND=source` runs the resolvers from the TypeScript sources (quick debugging); the default is the bundle. */
export const backendFromSource = () => process.env.SC_BACKEND === 'source';

export const bundleCacheDir = () => process.env.SC_BUNDLE_CACHE ?? join(REPO_ROOT, '.cache', 'forge-bundle');

/** A manifest `function` entry: `handler: index.handler` is export `handler` of the bundled file `index`. */
export interface ForgeFunction {
  key: string;
  module: string;
  exportName: string;
}

export function manifestFunctions(root = REPO_ROOT): ForgeFunction[] {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
  const entries: { key: string; handler: string }[] = manifest?.modules?.function ?? [];
  if (entries.length === 0) throw new Error('manifest.yml declares no function module: there is no backend to bundle');
  return entries.map(({ key, handler }) => {
    const match = /^([\w/-]+)\.(\w+)$/.exec(handler ?? '');
    if (!match) throw new Error(`manifest.yml: function '${key}' has handler '${handler}', expected <file>.<export>`);
    return { key, module: match[1], exportName: match[2] };
  });
}

function inputFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => inputFiles(join(path, name)));
}

/** Identifies the bundle of the current source state: a hash of every input's path and contents. */
export function bundleKey(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  for (const file of BUNDLE_INPUTS.flatMap((input) => inputFiles(join(root, input)))) {
    hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface BackendBundle {
  dir: string;
  key: string;
  /** False when the bundle came from the cache. */
  built: boolean;
  /** How long bundling took when it was built (from the record when cached). */
  bundleMs: number;
}

/** The bundle of the current sources: from the cache, or built with @forge/bundler as `forge deploy` would. */
export async function ensureBackendBundle(): Promise<BackendBundle> {
  const key = bundleKey();
  const dir = join(bundleCacheDir(), key);
  if (existsSync(join(dir, BUNDLE_RECORD))) {
    const record = JSON.parse(readFileSync(join(dir, BUNDLE_RECORD), 'utf8'));
    return { dir, key, built: false, bundleMs: record.bundleMs };
  }
  const started = Date.now();
  const functions = manifestFunctions();
  const outputDir = await runForgeBundler(functions);
  const bundleMs = Date.now() - started;
  // Build beside the target, then rename: a run that dies half-way, or a concurrent one, never leaves half a bundle.
  const partial = `${dir}${PARTIAL_MARK}${process.pid}`;
  cpSync(outputDir, partial, { recursive: true });
  rmSync(outputDir, { recursive: true, force: true });
  writeFileSync(join(partial, BUNDLE_RECORD), JSON.stringify({ key, bundleMs, functions }, null, 2));
  try {
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(dir, BUNDLE_RECORD))) throw error;
  }
  pruneOldBundles(key);
  return { dir, key, built: true, bundleMs };
}

/** Runs the node bundler of `forge deploy` offline: Forge's runtime wrapper from its CDN is left out. */
async function runForgeBundler(functions: ForgeFunction[]): Promise<string> {
  // Loaded here, not at the top: every suite imports this module through the harness, only globalSetup bundles.
  const { getNodeBundler } = await import('@forge/bundler');
  const manifest = parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8'));
  const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, verbose() {} };
  const noRuntime = async () => ({ script: '', source: 'none', version: '0' });
  // The stand-ins implement only what the node bundler calls, hence the casts.
  const bundler = getNodeBundler(
    quiet as never,
    { getNodeRuntimeWrapper: noRuntime, getNodeRuntimeLoader: noRuntime } as never,
    { readConfig: async () => manifest } as never,
  );
  // As @forge/bundler's getEntryPoints: one entry per handler file, src/<file>, the extension left to webpack.
  const modules = [...new Set(functions.map((f) => f.module))];
  const entryPoints = modules.map((module) => ({ name: module, path: join(REPO_ROOT, 'src', module) }));
  const output = await bundler.bundle({ appDirectory: REPO_ROOT, entryPoints } as never);
  const missing = modules.filter((module) => !existsSync(join(output.outputDir, `${module}.cjs`)));
  if (missing.length) throw new Error(`@forge/bundler produced no ${missing.map((m) => `${m}.cjs`).join(', ')}`);
  return output.outputDir;
}

function pruneOldBundles(currentKey: string) {
  const cache = bundleCacheDir();
  const entries = readdirSync(cache)
    .filter((name) => name !== currentKey)
    .map((name) => ({ name, path: join(cache, name), modified: statSync(join(cache, name)).mtimeMs }))
    .sort((a, b) => b.modified - a.modified);
  const partial = entries.filter((entry) => entry.name.includes(PARTIAL_MARK));
  const stalePartial = partial.filter((entry) => Date.now() - entry.modified > STALE_PARTIAL_MS);
  const oldBundles = entries.filter((entry) => !entry.name.includes(PARTIAL_MARK)).slice(KEEP_OLD_BUNDLES);
  for (const { path } of [...stalePartial, ...oldBundles]) rmSync(path, { recursive: true, force: true });
}

export interface LoadedHandler {
  handler: (...args: never[]) => Promise<unknown>;
  /** The file the handler was loaded from: a bundled `.cjs`, or a source file when SC_BACKEND=source. */
  file: string;
}

/** The handler of manifest function `functionKey`: from the bundle of the current sources, or see backendFromSource. */
export function loadFunctionHandler(functionKey: string): LoadedHandler {
  const fn = manifestFunctions().find((f) => f.key === functionKey);
  if (!fn) throw new Error(`manifest.yml has no function '${functionKey}'`);
  const file = backendFromSource() ? require.resolve(join(REPO_ROOT, 'src', fn.module)) : bundledFile(fn.module);
  const handler = require(file)[fn.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${file} exports no function '${fn.exportName}' (manifest function '${functionKey}')`);
  }
  return { handler, file };
}

function bundledFile(module: string): string {
  const dir = join(bundleCacheDir(), bundleKey());
  if (!existsSync(join(dir, BUNDLE_RECORD))) {
    throw new Error(`No Forge bundle of the current sources in ${dir}: jest's globalSetup ` +
      '(tests/judges/globalSetup.ts) builds it, so run the tests through jest; or the sources changed during this run');
  }
  return join(dir, `${module}.cjs`);
}
