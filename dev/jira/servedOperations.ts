/** The spec operation behind each endpoint the emulator serves: what operation-scopes.json holds. */
import { JiraEmulator } from './emulator';
import { findOperation, indexOperations, specOperations, type Operation } from './scopes';
import type { Site } from './site';

/** A spec template with a sample value for each parameter, so it can be looked up like a request. */
const concrete = (template: string) => template.replace(/\{\w+\}/g, '10001');
/** Parameter names differ between the emulator and the specs ({boardId} vs {id}); the shape must not. */
const shape = (template: string) => template.replace(/\{\w+\}/g, '{}');

const EMPTY_SITE: Site = {
  name: 'endpoints', generatedAt: '', statuses: [], users: [], projects: [], boards: [], sprints: [], issues: [],
  comments: [],
};

/** Every endpoint the emulator serves, as its spec operation; an endpoint the specs lack is an error. */
export function servedOperations(specDir?: string): Operation[] {
  const index = indexOperations(specOperations(specDir));
  const operations = new JiraEmulator(EMPTY_SITE).endpoints().map(({ method, template }) => {
    const operation = findOperation(method, concrete(template), index);
    if (!operation || shape(operation.template) !== shape(template)) {
      throw new Error(`The emulator serves ${method} ${template}, which no Jira OpenAPI spec has`);
    }
    return operation;
  });
  return operations.sort((a, b) => `${a.template} ${a.method}`.localeCompare(`${b.template} ${b.method}`));
}
