/** Command-line options of `npm run bench`; the defaults finish within about six minutes on two cores. */
export interface BenchOptions {
  /** Cases driven end to end through the HTTP API per concurrency level (and as many baseline workflows). */
  cases: number;
  /** Concurrency levels: cases in flight at once, for Schakel and for the baseline alike. */
  concurrency: number[];
  /** Open-task levels for the growth measurement, ascending. */
  openTaskLevels: number[];
  /** Real case workflows kept open for the worker-memory measurement (10k: about 6 min on 2 cores). */
  openCases: number;
  /** Timed requests per growth level and query. */
  samples: number;
  /** Handovers written as a steady load at each growth level before its reads (a busy day). */
  busyDay: number;
  /** API processes behind the bench's round-robin, and worker (and relay) processes. */
  apis: number;
  workers: number;
  /** Runs the apps under `node --cpu-prof` and breaks their CPU time down by package. */
  cpuProfile: boolean;
  /** The worker's V8 old-space limit per isolate in MB (`--max-old-space-size`); 0: Node's default. */
  workerHeapMb: number;
  outDir: string;
}

const DEFAULTS: BenchOptions = {
  cases: 200,
  concurrency: [8, 32],
  openTaskLevels: [1_000, 10_000],
  openCases: 2_000,
  samples: 50,
  busyDay: 5_000,
  apis: 1,
  workers: 1,
  cpuProfile: false,
  workerHeapMb: 0,
  outDir: 'bench-results',
};

/** `--full`: the sizes the targets are set at (100k open tasks with 1M events, 10k open cases). */
const FULL: Partial<BenchOptions> = {
  openTaskLevels: [1_000, 10_000, 100_000],
  openCases: 10_000,
  busyDay: 20_000,
};

export const USAGE = `npm run bench -- [options]
  --cpu-profile        profile the apps (node --cpu-prof): their CPU per handover by package
  --full               the targets' sizes: open tasks ${FULL.openTaskLevels?.join(',')}, ${FULL.openCases} open cases, busy day ${FULL.busyDay}
  --cases=N            cases driven through the HTTP API per concurrency level (default ${DEFAULTS.cases})
  --concurrency=A,B    cases in flight at once, one throughput run each (default ${DEFAULTS.concurrency.join(',')})
  --open-tasks=A,B,C   open-task levels for inbox/KPI latency (default ${DEFAULTS.openTaskLevels.join(',')})
  --open-cases=N       real open case workflows for worker memory (default ${DEFAULTS.openCases})
  --samples=N          timed requests per level and query (default ${DEFAULTS.samples})
  --busy-day=N         handovers written by SQL before each level's reads (default ${DEFAULTS.busyDay})
  --api=N              API processes, requests spread round-robin (default ${DEFAULTS.apis})
  --workers=N          worker processes, and as many outbox relays (default ${DEFAULTS.workers})
  --worker-heap-mb=N   the worker's --max-old-space-size, as NODE_OPTIONS sets it (default: Node's own)
  --out=DIR            where results go (default ${DEFAULTS.outDir})`;

function wholeNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} expects a whole number`);
  return parsed;
}

const list = (name: string, value: string) =>
  value
    .split(',')
    .map((item) => wholeNumber(name, item))
    .sort((a, b) => a - b);

export function parseOptions(argv: string[]): BenchOptions {
  const options = {
    ...DEFAULTS,
    ...(argv.includes('--full') ? FULL : {}),
    cpuProfile: argv.includes('--cpu-profile'),
  };
  for (const argument of argv) {
    if (argument === '--full' || argument === '--cpu-profile') continue;
    const match = /^--([a-z-]+)=(.+)$/.exec(argument);
    if (!match) throw new Error(`Unknown argument ${argument}\n${USAGE}`);
    const [, name, value] = match as unknown as [string, string, string];
    switch (name) {
      case 'cases':
        options.cases = Math.max(1, wholeNumber(name, value));
        break;
      case 'concurrency':
        options.concurrency = list(name, value).map((level) => Math.max(1, level));
        break;
      case 'open-tasks':
        options.openTaskLevels = list(name, value);
        break;
      case 'open-cases':
        options.openCases = wholeNumber(name, value);
        break;
      case 'samples':
        options.samples = Math.max(1, wholeNumber(name, value));
        break;
      case 'busy-day':
        options.busyDay = wholeNumber(name, value);
        break;
      case 'api':
        options.apis = Math.max(1, wholeNumber(name, value));
        break;
      case 'workers':
        options.workers = Math.max(1, wholeNumber(name, value));
        break;
      case 'worker-heap-mb':
        options.workerHeapMb = wholeNumber(name, value);
        break;
      case 'out':
        options.outDir = value;
        break;
      default:
        throw new Error(`Unknown option --${name}\n${USAGE}`);
    }
  }
  return options;
}
