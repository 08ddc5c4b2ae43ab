import { useCallback, useEffect, useMemo, useState } from 'react';

export type Async<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/** Runs load() when deps change; stale answers are dropped. The result only changes when its state does. */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): Async<T> & { reload: () => void } {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return useMemo(() => ({ ...state, reload }), [state, reload]);
}
