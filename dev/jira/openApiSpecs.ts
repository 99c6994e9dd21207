/**
 * Where Atlassian's Jira OpenAPI specs are: shared/jira-openapi beside the checkout (CI), or SC_JIRA_OPENAPI_DIR.
 * Only tests and generators read them; `npm start` works from a plain clone without them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
export const JIRA_OPENAPI_FILES = { platform: 'jira-platform-v3.json', software: 'jira-software.json' };

/**
 * CI clones the repository with shared/ beside it (../shared from the root); a git worktree sits deeper,
 * so every folder above the root is tried, nearest first.
 */
export function jiraOpenApiDir(): string {
  const wanted = Object.values(JIRA_OPENAPI_FILES);
  const candidates = process.env.SC_JIRA_OPENAPI_DIR ? [process.env.SC_JIRA_OPENAPI_DIR] : ancestorsOf(REPO_ROOT)
    .map((dir) => join(dir, 'shared', 'jira-openapi'));
  const found = candidates.find((dir) => wanted.every((file) => existsSync(join(dir, file))));
  if (!found) {
    throw new Error(`Jira's OpenAPI specs (${wanted.join(', ')}) are not in ${candidates.join(' nor ')}: ` +
      'clone the shared folder beside the repository or set SC_JIRA_OPENAPI_DIR');
  }
  return found;
}

function ancestorsOf(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [] : [parent, ...ancestorsOf(parent)];
}
