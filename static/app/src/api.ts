/** Typed calls to the app's resolvers. Every resolver answers with the same envelope. */
import { invoke } from '@forge/bridge';
import type { Envelope } from '../../../src/resolvers/envelope';

export type { Envelope };

export class ResolverError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

export interface Loaded<T> { data: T; warnings: string[] }

export async function call<T>(functionKey: string, payload: Record<string, unknown> = {}): Promise<Loaded<T>> {
  let out: Envelope<T>;
  try {
    // Without metadata, the bridge returns the body itself.
    out = (await invoke<Envelope<T>>(functionKey, payload)) as Envelope<T>;
  } catch (e) {
    throw new ResolverError('UNAVAILABLE', `Scrum Coach could not reach its backend (${(e as Error).message}). Reload to try again.`);
  }
  if (!out.ok) throw new ResolverError(out.error.code, out.error.message);
  return { data: out.data, warnings: out.warnings };
}
