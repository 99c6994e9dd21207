/** jest globalSetup: bundle the backend with @forge/bundler once per run (cached per source state) for the suites. */
import { backendFromSource, ensureBackendBundle } from '../support/forgeBundle';

export default async function bundleBackendOnce() {
  if (backendFromSource()) {
    console.log('\nSC_BACKEND=source: the resolvers run from src/, not from the Forge bundle');
    return;
  }
  const started = Date.now();
  const bundle = await ensureBackendBundle();
  const how = bundle.built ? `built in ${(bundle.bundleMs / 1000).toFixed(1)} s` : `cached, ${Date.now() - started} ms`;
  console.log(`\nForge bundle of the backend (${bundle.key}): ${how}`);
}
