/**
 * `npm start`: the local Forge host on the embedded demo site, or on a real Jira Cloud site when
 * JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN are set. App data persists in .data/ across restarts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { handler, reportPersonalData } from '../../src';
import { JiraEmulator } from '../jira/emulator';
import { manifestScopes } from '../jira/scopes';
import { KvsStore } from './kvsStore';
import { startHost } from './server';

const root = join(__dirname, '..', '..');
const dataDir = process.env.SCRUM_COACH_DATA ?? join(root, '.data');

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const store = new KvsStore(join(dataDir, 'kvs.json'));
  const { JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN } = process.env;
  const real = JIRA_SITE && JIRA_EMAIL && JIRA_API_TOKEN ? { url: JIRA_SITE, email: JIRA_EMAIL, token: JIRA_API_TOKEN } : undefined;
  if (JIRA_SITE && !real) throw new Error('Set JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN together to use a real site.');
  let emulator: JiraEmulator | undefined;
  if (!real) {
    const state = join(dataDir, 'jira-site.json');
    const source = existsSync(state) ? state : join(root, 'dev', 'fixtures', 'demo-site.json');
    // The app's Jira calls get exactly the scopes manifest.yml asks for, as on an installed site.
    const appScopes = manifestScopes(join(root, 'manifest.yml'));
    const latencyMs = Number(process.env.JIRA_LATENCY_MS ?? 0);
    // Like Jira Cloud, searches and lists show a write only after a moment (JIRA_INDEX_DELAY_MS=0: at once).
    const indexDelayMs = Number(process.env.JIRA_INDEX_DELAY_MS ?? 2000);
    emulator = JiraEmulator.fromFile(source, { statePath: state, latencyMs, appScopes, indexDelayMs });
    await emulator.listen(Number(process.env.JIRA_PORT ?? 0));
  }
  const host = await startHost({
    port: Number(process.env.PORT ?? 8787), staticDir: join(root, 'static', 'app', 'dist'), store, emulator, realSite: real, handler,
  });
  console.log(`Scrum Coach local Forge host: ${host.url}`);
  console.log(`Custom UI: ${host.app.url} (its own origin, under the CSP @forge/csp computes)`);
  console.log(real ? `Jira: ${real.url} as ${real.email}` : `Jira: embedded demo site at ${emulator!.baseUrl} (${host.users.length} demo users)`);
  console.log(`App data: ${dataDir}`);
  // manifest.yml's weekly scheduled trigger: personal data reporting, run as the app.
  const stopReporting = host.runtime.scheduleTrigger(
    reportPersonalData, 'scrum-coach-personal-data', 7 * 86_400_000,
    (e) => console.error('personal data report:', e), 900,
  );
  const stop = async () => {
    await stopReporting();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
