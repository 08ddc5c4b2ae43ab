import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Latencies per named operation, in milliseconds. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  record(name: string, milliseconds: number): void {
    const list = this.samples.get(name) ?? [];
    list.push(milliseconds);
    this.samples.set(name, list);
  }

  /** Runs the call and records how long it took, also when it fails. */
  async time<T>(name: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.record(name, performance.now() - started);
    }
  }

  summary(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.samples].map(([name, list]) => [name, summarise(list)]));
  }
}

export function summarise(list: number[]): LatencySummary {
  const sorted = [...list].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    meanMs: round(sorted.length ? total / sorted.length : 0),
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** Runs `work(i)` for i in [0, total) with at most `concurrency` in flight; the first failure stops it. */
export async function runPool(
  total: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < total && failure === undefined) {
      const index = next++;
      try {
        await work(index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  if (failure !== undefined) throw failure;
}

/** Called right before and right after the timed part of a run, e.g. to read CPU time around it. */
export interface PhaseHooks {
  started(): void;
  finished(): void;
}
