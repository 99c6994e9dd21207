/**
 * `npm run scopes:generate`: writes dev/jira/operation-scopes.json, the OAuth scopes of every operation the
 * emulator serves, as Atlassian's OpenAPI specs (shared/jira-openapi beside the checkout) give them.
 */
import { writeFileSync } from 'node:fs';
import { servedOperations } from './servedOperations';
import { SCOPE_TABLE_PATH } from './scopes';

const table = servedOperations();
writeFileSync(SCOPE_TABLE_PATH, `${JSON.stringify(table, null, 1)}\n`);
console.log(`${table.length} operations written to ${SCOPE_TABLE_PATH}`);
