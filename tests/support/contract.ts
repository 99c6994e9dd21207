/**
 * Checks recorded HTTP exchanges against Atlassian's official OpenAPI specs (../shared/jira-openapi):
 * the operation exists and is not deprecated, every query parameter is declared, the request body
 * validates, and the response validates against its schema — or, where the spec only gives an
 * example (many agile endpoints), every key the emulator returns appears in that example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Exchange } from '../../dev/jira/emulator';
import { jiraOpenApiDir } from '../../dev/jira/openApiSpecs';

const SPEC_DIR = jiraOpenApiDir();

interface Operation {
  specKey: string;
  template: string;
  method: string;
  op: any;
  re: RegExp;
}

export class Contract {
  private readonly ajv: Ajv;
  private readonly ops: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const [specKey, file] of [['platform', 'jira-platform-v3.json'], ['software', 'jira-software.json']] as const) {
      const spec = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8'));
      this.ajv.addSchema(spec, specKey);
      for (const [template, item] of Object.entries<any>(spec.paths)) {
        for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
          if (!item[method]) continue;
          const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
          this.ops.push({ specKey, template, method: method.toUpperCase(), op: item[method], re });
        }
      }
    }
    // Literal paths win over templated ones (/board/{id} vs /board/{id}/sprint is unambiguous; /issue/picker vs /issue/{key} is not).
    this.ops.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  operationFor(method: string, path: string) {
    return this.ops.find((o) => o.method === method && o.re.test(path));
  }

  private validator(o: Operation, pointer: string[]) {
    const ref = `${o.specKey}#/paths/${o.template.replace(/~/g, '~0').replace(/\//g, '~1')}/${o.method.toLowerCase()}/${pointer.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    let v = this.compiled.get(ref);
    if (!v) { v = this.ajv.compile({ $ref: ref }); this.compiled.set(ref, v); }
    return v;
  }

  /** Problems with one exchange; empty when it honours the spec. */
  check(x: Exchange, { appRequest = true } = {}): string[] {
    const where = `${x.method} ${x.path}`;
    const o = this.operationFor(x.method, x.path);
    if (!o) return [`${where}: no such operation in Atlassian's specs`];
    const problems: string[] = [];
    if (appRequest && o.op.deprecated) problems.push(`${where}: ${o.template} is deprecated`);
    const declared = new Set((o.op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name));
    for (const name of Object.keys(x.query)) if (!declared.has(name)) problems.push(`${where}: query parameter '${name}' is not declared`);
    if (x.requestBody !== undefined) {
      if (!o.op.requestBody?.content?.['application/json']?.schema) problems.push(`${where}: sends a body the operation does not take`);
      else {
        const v = this.validator(o, ['requestBody', 'content', 'application/json', 'schema']);
        if (!v(bare(x.requestBody))) problems.push(`${where}: request body: ${this.ajv.errorsText(v.errors)}`);
      }
    }
    const response = o.op.responses?.[String(x.status)];
    if (!response) {
      problems.push(`${where}: status ${x.status} is not documented`);
    } else if (x.responseBody !== undefined) {
      const media = response.content?.['application/json'];
      if (media?.schema) {
        const v = this.validator(o, ['responses', String(x.status), 'content', 'application/json', 'schema']);
        if (!v(bare(x.responseBody))) problems.push(`${where} → ${x.status}: ${this.ajv.errorsText(v.errors, { separator: '; ' })}`);
      } else if (media?.example && x.status < 300) {
        const example = typeof media.example === 'string' ? JSON.parse(media.example) : media.example;
        for (const key of extraKeys(x.responseBody, example, '')) problems.push(`${where} → ${x.status}: '${key}' is not in the spec's example`);
      }
    }
    return problems;
  }
}

/**
 * A copy made of prototype-less objects: Ajv reads properties with `data.name !== undefined`, so on
 * ordinary objects a schema property called `toString` would find Object.prototype.toString.
 */
function bare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bare);
  if (!value || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = bare(v);
  return out;
}

/** Keys of `actual` absent from `example` (objects and arrays of objects, recursively). */
function extraKeys(actual: unknown, example: unknown, path: string): string[] {
  if (Array.isArray(actual)) {
    // The example's elements together show which keys an element may have.
    const objects = Array.isArray(example) ? example.filter((e) => e && typeof e === 'object') : [];
    const merged = Object.assign({}, ...objects);
    return objects.length ? actual.flatMap((a) => extraKeys(a, merged, `${path}[]`)) : [];
  }
  if (!actual || typeof actual !== 'object' || !example || typeof example !== 'object') return [];
  return Object.entries(actual).flatMap(([k, v]) => (k in (example as object)
    ? extraKeys(v, (example as Record<string, unknown>)[k], `${path}.${k}`)
    : [`${path}.${k}`]));
}
