import { useEffect, useRef, useState } from 'react';
import { call, ResolverError, type Loaded } from './api';

export type Remote<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; error: ResolverError }
  | { state: 'done'; value: Loaded<T> };

/**
 * Load a resolver's answer whenever `payload` (or `reload`) changes; `null` payload means "nothing to
 * load yet". With `pollMs`, load again on that interval, keeping the last answer on screen meanwhile.
 */
export function useResolver<T>(functionKey: string, payload: Record<string, unknown> | null, reload = 0, pollMs = 0): Remote<T> {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'idle' });
  const key = payload === null ? null : JSON.stringify(payload);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (key === null) { setRemote({ state: 'idle' }); return; }
    let live = true;
    // A reload of the same request keeps the last answer on screen; a different request does not.
    if (shown.current !== key) setRemote({ state: 'loading' });
    shown.current = key;
    const load = () => call<T>(functionKey, JSON.parse(key))
      .then((value) => live && setRemote({ state: 'done', value }))
      .catch((error: unknown) => live && setRemote({ state: 'error', error: error instanceof ResolverError ? error : new ResolverError('UNKNOWN', String(error)) }));
    void load();
    const timer = pollMs ? setInterval(load, pollMs) : undefined;
    return () => { live = false; clearInterval(timer); };
  }, [functionKey, key, reload, pollMs]);
  return remote;
}
