import { resolve } from 'node:path';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { profilesOf, profileStart, summariseProfile, type ProfileSummary } from './cpu-profile';
import { HANDOVERS_PER_CASE } from './debt-chain';
import { measureGrowth } from './growth';
import { measureCodecCost } from './codec-cost';
import { profileHistories } from './history-profile';
import { openCases } from './open-cases';
import { parseOptions, type BenchOptions } from './options';
import {
  machine,
  noteLoad,
  printTable,
  targets,
  writeResults,
  type BenchResults,
  type LoadLog,
} from './report';
import { startStack, type AppName, type BenchStack } from './stack';
import { measureThroughput, type ThroughputLevel } from './throughput';

/** Workflows whose histories are read back for the per-handover profile. */
const PROFILED_WORKFLOWS = 20;
/** Starts in flight while opening the cases for the worker-memory measurement. */
const OPEN_CASE_CONCURRENCY = 32;

/**
 * `npm run bench`: handover throughput through the HTTP API against a bare-Temporal baseline on
 * the same server at each concurrency level, what each handover costs every component, read
 * latency as open tasks grow, and worker memory with many open cases.
 */
async function bench(stack: BenchStack, options: BenchOptions): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const load: LoadLog = [];
  const throughput: ThroughputLevel[] = [];
  let profiled: { caseIds: string[]; workflowIds: string[] } | undefined;
  for (const concurrency of options.concurrency) {
    noteLoad(load, `throughput c${concurrency} start`);
    const { level, caseIds, workflowIds } = await measureThroughput(
      stack,
      options.cases,
      concurrency,
    );
    noteLoad(load, `throughput c${concurrency} end`);
    throughput.push(level);
    profiled ??= { caseIds, workflowIds };
  }
  const caseWorkflowIds = (profiled?.caseIds ?? []).map((id) => `case-${id}`);
  const historyPerHandover = {
    schakel: await profileHistories(
      stack.temporal,
      caseWorkflowIds.slice(0, PROFILED_WORKFLOWS),
      HANDOVERS_PER_CASE,
    ),
    baseline: await profileHistories(
      stack.temporal,
      (profiled?.workflowIds ?? []).slice(0, PROFILED_WORKFLOWS),
      HANDOVERS_PER_CASE,
    ),
  };
  const codecCost = await measureCodecCost(
    stack.temporal,
    stack.keyring,
    caseWorkflowIds,
    HANDOVERS_PER_CASE,
  );
  noteLoad(load, 'growth start');
  const growth = await measureGrowth(
    stack.apiUrls,
    stack.databaseUrl,
    options.openTaskLevels,
    options.samples,
    options.busyDay,
  );
  noteLoad(load, 'growth end');
  const open = options.openCases
    ? await openCases(
        stack.temporal,
        stack.keyring,
        stack.databaseUrl,
        stack.apps.worker.map((worker) => worker.pid),
        options.openCases,
        OPEN_CASE_CONCURRENCY,
      )
    : undefined;
  if (open) noteLoad(load, 'open cases end');
  const partial = {
    startedAt,
    machine: machine(),
    options,
    load,
    throughput,
    historyPerHandover,
    codecCost,
    growth,
    ...(open ? { openCases: open } : {}),
  };
  return { ...partial, targets: targets(partial) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let stopStack: (() => Promise<void>) | undefined;
  const interrupt = (code: number) => {
    console.error('\nStopping the bench stack…');
    void (stopStack?.() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => interrupt(130));
  process.once('SIGTERM', () => interrupt(143));
  const cpuProfileDir = options.cpuProfile
    ? resolve(options.outDir, `cpu-profiles-${Date.now()}`)
    : undefined;
  const nodeArgs = (app: AppName) => [
    ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    // As NODE_OPTIONS would set it for the worker's pods (docs/deployment.md).
    ...(app === 'worker' && options.workerHeapMb
      ? [`--max-old-space-size=${options.workerHeapMb}`]
      : []),
  ];
  const stack = await startStack({ ...options, nodeArgs }, (stop) => (stopStack = stop));
  let results: BenchResults;
  try {
    results = await bench(stack, options);
  } finally {
    // Node writes a CPU profile when the process exits.
    await stack.stop();
  }
  if (cpuProfileDir) results.cpuProfile = summariseProfiles(stack, cpuProfileDir, results);
  printTable(results);
  console.log(`\nResults: ${writeResults(results, options.outDir)}`);
}

/** Each app's profile over the first level's Schakel run, per handover. */
function summariseProfiles(
  stack: BenchStack,
  dir: string,
  results: BenchResults,
): Record<string, ProfileSummary> {
  const [level] = results.throughput;
  if (!level) return {};
  return Object.fromEntries(
    Object.values(stack.apps)
      .flat()
      .flatMap((child) => {
        const profiles = profilesOf(dir, child.pid);
        const main = profiles.get(0);
        if (!main) return [];
        // The main thread's profile starts with the process: the bench's clock maps onto it.
        const origin = profileStart(main) - child.spawnedAtMs * 1000;
        const from = origin + level.window.startMs * 1000;
        const to = origin + level.window.endMs * 1000;
        return [...profiles].map(([thread, file]) => [
          thread === 0 ? child.name : `${child.name} thread ${thread}`,
          summariseProfile(file, from, to, level.schakel.handovers),
        ]);
      }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
