/**
 * The OAuth scopes Jira Cloud asks of an app for each REST operation, from Atlassian's OpenAPI specs
 * (platform v3 and software), and the app's granted scopes, read from manifest.yml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JIRA_OPENAPI_FILES, jiraOpenApiDir } from './openApiSpecs';

const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export interface Operation {
  method: string;
  /** The spec's path template, e.g. /rest/agile/1.0/board/{boardId}/configuration. */
  template: string;
  operationId: string;
  /**
   * Alternative scope sets: an app's call passes when it holds every scope of one of them.
   * Empty when the operation cannot be called by an OAuth app at all.
   */
  scopeAlternatives: string[][];
}

interface SpecOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
  'x-atlassian-oauth2-scopes'?: { scheme: string; scopes: string[]; state: string }[];
}

interface IndexedOperation extends Operation {
  /** One matcher per path segment: a literal, or a pattern for a segment holding parameters. */
  segments: (string | RegExp)[];
  literalCount: number;
}

/**
 * The alternatives an OAuth app may satisfy. `security` lists the classic scopes; Jira also accepts
 * the granular sets in `x-atlassian-oauth2-scopes` (state Current or Beta) — @forge/lint's
 * permission verifier counts an operation as covered by either, so the emulator does too.
 *
 * The empty `{}` alternative some operations carry is OpenAPI's "anonymous access is supported"
 * (most of those operations say "This operation can be accessed anonymously"). It does not exempt an
 * app: Forge's proxy always presents the app's OAuth token, and Atlassian's gateway checks that token's
 * scopes against the operation. So `{}` (like `basicAuth`, a person's API token) is not an app's way in.
 */
export function scopeAlternatives(op: SpecOperation): string[][] {
  const sets = [
    ...(op.security ?? []).filter((alt) => 'OAuth2' in alt).map((alt) => alt.OAuth2),
    ...(op['x-atlassian-oauth2-scopes'] ?? []).filter((alt) => alt.scheme === 'OAuth2').map((alt) => alt.scopes),
  ];
  const seen = new Set<string>();
  return sets.filter((set) => {
    const key = [...set].sort().join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function segmentMatcher(segment: string): string | RegExp {
  if (!segment.includes('{')) return segment;
  const escaped = segment.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

/** Every operation of Atlassian's two Jira specs (in `dir`) with its scope alternatives. */
export function specOperations(dir = jiraOpenApiDir()): Operation[] {
  const operations: Operation[] = [];
  for (const file of Object.values(JIRA_OPENAPI_FILES)) {
    type Spec = { paths: Record<string, Record<string, SpecOperation>> };
    const spec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Spec;
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        operations.push({
          method: method.toUpperCase(), template, operationId: op.operationId ?? `${method} ${template}`,
          scopeAlternatives: scopeAlternatives(op),
        });
      }
    }
  }
  return operations;
}

/** Operations by method and segment count, so a lookup only tries templates of the right shape. */
export type OperationIndex = Map<string, IndexedOperation[]>;

export function indexOperations(operations: Operation[]): OperationIndex {
  const byShape: OperationIndex = new Map();
  for (const operation of operations) {
    const segments = operation.template.split('/').slice(1).map(segmentMatcher);
    const key = `${operation.method} ${segments.length}`;
    if (!byShape.has(key)) byShape.set(key, []);
    byShape.get(key)!.push({ ...operation, segments, literalCount: segments.filter((x) => typeof x === 'string').length });
  }
  // A literal segment beats a parameter (PUT /issue/rank is not PUT /issue/{issueIdOrKey}), as in OpenAPI.
  for (const list of byShape.values()) list.sort((a, b) => b.literalCount - a.literalCount);
  return byShape;
}

/**
 * The operations the emulator serves, with their scopes as the specs give them, committed beside this
 * file (`npm run scopes:generate` writes it; a unit test checks it against the specs). The emulator
 * reads this table rather than the specs, so `npm start` works from a plain clone.
 */
export const SCOPE_TABLE_PATH = join(__dirname, 'operation-scopes.json');

let servedIndex: OperationIndex | null = null;

/** The spec operation a request goes to (by default among those the emulator serves), or undefined. */
export function findOperation(method: string, path: string, index?: OperationIndex): Operation | undefined {
  const operations = index ?? (servedIndex ??= indexOperations(JSON.parse(readFileSync(SCOPE_TABLE_PATH, 'utf8'))));
  const parts = path.split('?')[0].split('/').slice(1);
  const candidates = operations.get(`${method.toUpperCase()} ${parts.length}`) ?? [];
  const matches = (m: string | RegExp, i: number) => (typeof m === 'string' ? m === parts[i] : m.test(parts[i]));
  const found = candidates.find((op) => op.segments.every(matches));
  if (!found) return undefined;
  const { segments: _segments, literalCount: _literalCount, ...operation } = found;
  return operation;
}

/** Whether an app holding `granted` may call the operation: every scope of one alternative. */
export function scopesAllow(op: Operation, granted: ReadonlySet<string>): boolean {
  return op.scopeAlternatives.some((set) => set.every((scope) => granted.has(scope)));
}

/** The `permissions.scopes` of a Forge manifest; a clear error if the file has none. */
export function manifestScopes(manifestPath = join(ROOT, 'manifest.yml')): string[] {
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as { permissions?: { scopes?: unknown } };
  const scopes = manifest?.permissions?.scopes;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
    throw new Error(`${manifestPath} has no permissions.scopes list of strings`);
  }
  return scopes;
}

// ---- whose request: a person's API token, or an app through Forge's proxy ---------------------------

/**
 * The header Forge's egress proxy reads to know which invocation (and so which app) a product call
 * belongs to and whether it runs as the user or the app: `Forge as=user,id=<invocation>,accountId=<id>`
 * (Forge Containers reference, "Outbound requests"). The local runtime shim adds it to every Jira call
 * the app makes, so the emulator can tell app traffic from a person calling with an API token.
 */
export const FORGE_PROXY_AUTHORIZATION = 'forge-proxy-authorization';

export interface ForgeProxyIdentity { as: 'user' | 'app'; invocationId: string; accountId?: string }

export function forgeProxyAuthorization({ as, invocationId, accountId }: ForgeProxyIdentity): string {
  return `Forge as=${as},id=${invocationId}${accountId ? `,accountId=${accountId}` : ''}`;
}

/** The identity in a forge-proxy-authorization value, or null when it is malformed. */
export function parseForgeProxyAuthorization(value: string): ForgeProxyIdentity | null {
  const m = /^Forge (.+)$/.exec(value.trim());
  if (!m) return null;
  const fields = new Map(m[1].split(',').map((pair) => pair.split('=', 2).map((s) => s.trim()) as [string, string]));
  const as = fields.get('as');
  const invocationId = fields.get('id');
  if ((as !== 'user' && as !== 'app') || !invocationId) return null;
  const accountId = fields.get('accountId');
  if (as === 'user' && !accountId) return null;
  return { as, invocationId, ...(accountId ? { accountId } : {}) };
}
