import { useEffect } from 'react';

/** Calls tick every ms milliseconds while mounted (live figures on a wall screen). */
export function useInterval(tick: () => void, ms: number): void {
  useEffect(() => {
    const timer = window.setInterval(tick, ms);
    return () => window.clearInterval(timer);
  }, [tick, ms]);
}
