/** Command-line options of `npm run bench`; the defaults finish within ten minutes on two cores. */
export interface BenchOptions {
  /** Cases driven end to end through the HTTP API (and as many baseline workflows). */
  cases: number;
  /** Cases in flight at once, for Schakel and for the baseline alike. */
  concurrency: number;
  /** Open-task levels for the growth measurement, ascending. */
  openTaskLevels: number[];
  /** Real case workflows kept open for the worker-memory measurement (10k: about 8 min on 2 cores). */
  openCases: number;
  /** Timed requests per growth level and query. */
  samples: number;
  databaseUrl: string;
  outDir: string;
}

const DEFAULTS: BenchOptions = {
  cases: 200,
  concurrency: 8,
  openTaskLevels: [1_000, 10_000, 100_000],
  openCases: 2_000,
  samples: 50,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/schakel_bench',
  outDir: 'bench-results',
};

export const USAGE = `npm run bench -- [options]
  --cases=N            cases driven through the HTTP API (default ${DEFAULTS.cases})
  --concurrency=N      cases in flight at once (default ${DEFAULTS.concurrency})
  --open-tasks=A,B,C   open-task levels for inbox/KPI latency (default ${DEFAULTS.openTaskLevels.join(',')})
  --open-cases=N       real open case workflows for worker memory (default ${DEFAULTS.openCases})
  --samples=N          timed requests per level and query (default ${DEFAULTS.samples})
  --database-url=URL   the bench database, dropped and recreated (default ${DEFAULTS.databaseUrl})
  --out=DIR            where results go (default ${DEFAULTS.outDir})`;

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} expects a whole number`);
  return parsed;
}

export function parseOptions(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (const argument of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(argument);
    if (!match) throw new Error(`Unknown argument ${argument}\n${USAGE}`);
    const [, name, value] = match as unknown as [string, string, string];
    switch (name) {
      case 'cases':
        options.cases = Math.max(1, positiveInteger(name, value));
        break;
      case 'concurrency':
        options.concurrency = Math.max(1, positiveInteger(name, value));
        break;
      case 'open-tasks':
        options.openTaskLevels = value
          .split(',')
          .map((level) => positiveInteger(name, level))
          .sort((a, b) => a - b);
        break;
      case 'open-cases':
        options.openCases = positiveInteger(name, value);
        break;
      case 'samples':
        options.samples = Math.max(1, positiveInteger(name, value));
        break;
      case 'database-url':
        options.databaseUrl = value;
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
