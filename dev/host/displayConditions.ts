/** Manifest display conditions, evaluated for a module's context the way Jira decides whether to show it. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type DisplayConditions = Record<string, unknown>;

/** What the host knows of the place a module would appear and of the user looking at it. */
export interface DisplayContext {
  extension: { project?: { type?: string } };
  hasSoftwareAccess: boolean;
}

/** moduleKey → displayConditions, for every module in manifest.yml that declares some. */
export function displayConditionsByModule(manifestFile: string): Map<string, DisplayConditions> {
  const manifest = parse(readFileSync(manifestFile, 'utf8'));
  const byKey = new Map<string, DisplayConditions>();
  const moduleLists = Object.values(manifest.modules ?? {}) as { key: string; displayConditions?: DisplayConditions }[][];
  for (const entry of moduleLists.flat()) {
    if (entry.displayConditions) byKey.set(entry.key, entry.displayConditions);
  }
  return byKey;
}

/**
 * The conditions that fail in `context` (all must hold: Jira combines them with AND). A condition
 * this host cannot evaluate is an error, not a silent pass: the host must never be kinder than Jira.
 */
export function failedConditions(conditions: DisplayConditions | undefined, context: DisplayContext): string[] {
  const failed: string[] = [];
  for (const [name, wanted] of Object.entries(conditions ?? {})) {
    switch (name) {
      case 'projectType': {
        const allowed = Array.isArray(wanted) ? wanted : [wanted];
        const actual = context.extension.project?.type;
        if (!actual || !allowed.includes(actual)) {
          failed.push(`projectType is ${actual ?? 'unknown'}, not ${allowed.join(' or ')}`);
        }
        break;
      }
      case 'hasSoftwareAccess':
        if (context.hasSoftwareAccess !== wanted) failed.push(`hasSoftwareAccess is ${context.hasSoftwareAccess}`);
        break;
      case 'isLoggedIn':
        if (wanted !== true) failed.push('isLoggedIn is true');
        break;
      default:
        throw new Error(`The local host cannot evaluate the display condition "${name}": `
          + 'teach dev/host/displayConditions.ts how Jira evaluates it.');
    }
  }
  return failed;
}
