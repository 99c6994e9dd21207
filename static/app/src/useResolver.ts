import { useEffect, useState } from 'react';
import { call, ResolverError, type Loaded } from './api';

export type Remote<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; error: ResolverError }
  | { state: 'done'; value: Loaded<T> };

/** Load a resolver's answer whenever `payload` changes; `null` payload means "nothing to load yet". */
export function useResolver<T>(functionKey: string, payload: Record<string, unknown> | null): Remote<T> {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'idle' });
  const key = payload === null ? null : JSON.stringify(payload);
  useEffect(() => {
    if (key === null) { setRemote({ state: 'idle' }); return; }
    let live = true;
    setRemote({ state: 'loading' });
    call<T>(functionKey, JSON.parse(key))
      .then((value) => live && setRemote({ state: 'done', value }))
      .catch((error: unknown) => live && setRemote({ state: 'error', error: error instanceof ResolverError ? error : new ResolverError('UNKNOWN', String(error)) }));
    return () => { live = false; };
  }, [functionKey, key]);
  return remote;
}
