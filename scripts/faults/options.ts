import type { FaultName } from './faults';

/** One fault-suite run: how much load, which faults, how long everything may take. */
export interface FaultOptions {
  profile: 'short' | 'long';
  /** Cases the good client drives (the projection-in-flight fault drives one more of its own). */
  cases: number;
  /** Cases in flight at once. */
  concurrency: number;
  /** Case starts and faults are spread over this window. */
  windowMs: number;
  /** In order; each waits for the previous one to be restored. */
  faults: FaultName[];
  redisDownMs: number;
  requestTimeoutMs: number;
  /** One action is retried (same key) this long before the client abandons the case. */
  actionDeadlineMs: number;
  /** After the load: how long the run waits for Temporal, the queues and the webhooks to go quiet. */
  settleTimeoutMs: number;
  /** Seeds the fault timings, so a run can be repeated. */
  seed: number;
  outDir: string;
}

const SHORT: FaultOptions = {
  profile: 'short',
  cases: 20,
  concurrency: 6,
  windowMs: 75_000,
  faults: [
    'worker-kill',
    'api-kill',
    'redis-down',
    'postgres-restart-fast',
    'temporal-kill',
    'temporal-kill-during-projection',
  ],
  redisDownMs: 20_000,
  requestTimeoutMs: 30_000,
  // Longer than the API's Idempotency-Key lease (120 s), which a killed API leaves behind.
  actionDeadlineMs: 180_000,
  settleTimeoutMs: 60_000,
  seed: 11,
  outDir: 'fault-results',
};

const LONG: FaultOptions = {
  ...SHORT,
  profile: 'long',
  cases: 300,
  concurrency: 16,
  windowMs: 600_000,
  faults: [
    'worker-kill',
    'api-kill',
    'redis-down',
    'worker-kill',
    'postgres-restart-fast',
    'temporal-kill',
    'temporal-kill-during-projection',
    'postgres-restart-immediate',
    'worker-kill',
    'api-kill',
  ],
  redisDownMs: 180_000,
  requestTimeoutMs: 60_000,
  actionDeadlineMs: 360_000,
  settleTimeoutMs: 180_000,
};

export const USAGE = `npm run faults -- [options]   (npm run faults:short for the CI version)
  --profile=short|long   load and fault schedule (default long: ${LONG.cases} cases, Redis down ${LONG.redisDownMs / 1000} s)
  --cases=N              cases the good client drives
  --concurrency=N        cases in flight at once
  --seed=N               seeds the fault timings (default ${SHORT.seed})
  --out=DIR              where the JSON results go (default ${SHORT.outDir})`;

function wholeNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`--${name} expects a whole number ≥ 1`);
  return parsed;
}

/** What each option sets; `--profile` picks the defaults before the others apply. */
const SETTERS: Record<string, (options: FaultOptions, value: string) => void> = {
  profile: () => undefined,
  cases: (options, value) => (options.cases = wholeNumber('cases', value)),
  concurrency: (options, value) => (options.concurrency = wholeNumber('concurrency', value)),
  seed: (options, value) => (options.seed = wholeNumber('seed', value)),
  out: (options, value) => (options.outDir = value),
};

export function parseOptions(argv: string[]): FaultOptions {
  const profile = argv.find((argument) => argument.startsWith('--profile='))?.slice(10) ?? 'long';
  if (profile !== 'short' && profile !== 'long')
    throw new Error(`Unknown profile ${profile}\n${USAGE}`);
  const options = { ...(profile === 'short' ? SHORT : LONG) };
  for (const argument of argv) {
    const [, name = '', value = ''] = /^--([a-z-]+)=(.+)$/.exec(argument) ?? [];
    const set = SETTERS[name];
    if (!set) throw new Error(`Unknown argument ${argument}\n${USAGE}`);
    set(options, value);
  }
  return options;
}

/** mulberry32: a small seeded generator, so the same seed gives the same schedule. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
