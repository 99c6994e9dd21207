/**
 * Typed calls to the app's resolvers. Every resolver answers with the same envelope; its errors and
 * warnings are Messages, rendered here in the reader's language so views handle plain text.
 */
import { invoke } from '@forge/bridge';
import type { Envelope } from '../../../src/resolvers/envelope';
import type { T } from './i18n';

export type { Envelope };

export class ResolverError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

export interface Loaded<T> { data: T; warnings: string[] }

let t: T = (key) => (typeof key === 'string' ? key : key.key);
/** Set once at start-up, when the translations for the Jira locale are loaded. */
export const setResolverTextTranslator = (translate: T) => { t = translate; };

export async function call<D>(functionKey: string, payload: Record<string, unknown> = {}): Promise<Loaded<D>> {
  let out: Envelope<D>;
  try {
    // Without metadata, the bridge returns the body itself.
    out = (await invoke<Envelope<D>>(functionKey, payload)) as Envelope<D>;
  } catch (e) {
    throw new ResolverError('UNAVAILABLE', t('error.unreachable', { detail: (e as Error).message }));
  }
  if (!out.ok) throw new ResolverError(out.error.code, t(out.error.message));
  return { data: out.data, warnings: out.warnings.map((w) => t(w)) };
}
