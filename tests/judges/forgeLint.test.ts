/** Judge: Atlassian's @forge/lint (the client-side rules of forge lint and deploy) over every deployed source file. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { JIRA_OPENAPI_FILES, jiraOpenApiDir } from '../../dev/jira/openApiSpecs';
import { ROOT } from '../support/harness';

type ForgeLint = typeof import('@forge/lint');
type Manifest = Parameters<ForgeLint['lint']>[1];

/** Specs of products the app does not call: Forge lint needs a file for each, an empty one will do. */
const EMPTY_OPENAPI = join(ROOT, 'tests', 'fixtures', 'empty-openapi.json');
/** Forge deploys everything under src/ (the bundle's entry points live there). */
const SOURCE_FILE = /\.(ts|tsx|js|jsx)$/;

const sourceFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const path = join(dir, entry.name);
  if (entry.isDirectory()) return sourceFiles(path);
  return SOURCE_FILE.test(entry.name) ? [relative(ROOT, path)] : [];
});

const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {} };
/** No feature gates, no remote config: what an offline CLI sees. */
const offlineStatsig = {
  checkGate: async () => false,
  getDynamicConfig: async () => null,
  getDeprecatedRuntimes: async () => [],
};

interface LintOutcome {
  /** `file:line: message` for every error and warning. */
  problems: string[];
  /** The scope each permission error says is missing. */
  missingScopes: string[];
  /** Source files Forge lint really parsed: it silently skips any tsconfig.json does not include. */
  parsed: string[];
}

let forgeLint: ForgeLint;
let files: string[];

beforeAll(() => {
  const specs = jiraOpenApiDir();
  // The permission rule reads these when bootstrapping; without them it would download Atlassian's specs.
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: join(specs, JIRA_OPENAPI_FILES.platform),
    LOCAL_JSW_SWAGGER: join(specs, JIRA_OPENAPI_FILES.software),
    LOCAL_JSM_SWAGGER: EMPTY_OPENAPI,
    LOCAL_CONF_SWAGGER: EMPTY_OPENAPI,
    LOCAL_CONF_V2_SWAGGER: EMPTY_OPENAPI,
    LOCAL_BB_SWAGGER: EMPTY_OPENAPI,
  });
  if (!existsSync(join(ROOT, 'static', 'app', 'dist', 'index.html'))) {
    throw new Error('static/app/dist is not built: run `npm run build` first ' +
      "(Forge lint checks that the manifest's resources exist)");
  }
  forgeLint = require('@forge/lint');
  files = sourceFiles(join(ROOT, 'src')).sort();
});

/** Forge lint reads manifest.yml, tsconfig.json and the resources relative to the working directory. */
async function lintApp(manifest: Manifest): Promise<LintOutcome> {
  const parsed: string[] = [];
  const parseFunction: typeof forgeLint.parseSourceFile = (file, parser, read) => {
    parsed.push(file);
    return forgeLint.parseSourceFile(file, parser, read);
  };
  const workingDir = process.cwd();
  process.chdir(ROOT);
  try {
    const results = await forgeLint.lint(files, manifest, 'development', quiet, offlineStatsig as never, {
      linter: { mode: 'client-side' },
      parseFunction,
    });
    const found = results.flatMap((result) =>
      [...result.errors, ...result.warnings].map((problem) => ({ result, problem })));
    return {
      problems: found.map(({ result, problem }) => `${result.file}:${problem.line}: ${problem.message}`),
      missingScopes: found.flatMap(({ problem }) => problem.metadata?.missingPermission ?? []),
      parsed: parsed.sort(),
    };
  } finally {
    process.chdir(workingDir);
  }
}

const appManifest = (): Manifest => parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));

test('Forge lint parses every source file the app deploys and finds no error and no warning', async () => {
  const outcome = await lintApp(appManifest());
  expect(files.length).toBeGreaterThan(0);
  expect(outcome.parsed).toEqual(files);
  expect(outcome.problems).toEqual([]);
});

// Scopes only one kind of Jira call needs, so a missing one must be reported at that call.
test.each([
  ['read:sprint:jira-software', 'a board\'s sprints'],
  ['read:board-scope.admin:jira-software', 'board configuration'],
  ['write:issue:jira-software', 'ranking the backlog'],
])('a manifest without %s (%s) gets a lint error naming it', async (scope) => {
  const manifest = appManifest();
  const scopes: string[] = manifest.permissions?.scopes as string[];
  expect(scopes).toContain(scope);
  manifest.permissions!.scopes = scopes.filter((s) => s !== scope);
  const outcome = await lintApp(manifest);
  expect(outcome.missingScopes.length).toBeGreaterThan(0);
  expect(new Set(outcome.missingScopes)).toEqual(new Set([scope]));
  for (const problem of outcome.problems) expect(problem).toContain(`requires "${scope}" scope`);
});
