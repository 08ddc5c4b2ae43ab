import { Runtime, DefaultLogger } from '@temporalio/worker';
import { runBaseline } from './baseline';
import { readCounters, writesPerHandover } from './database-profile';
import { HANDOVERS_PER_CASE } from './debt-chain';
import { measureGrowth } from './growth';
import { measureCodecCost } from './codec-cost';
import { driveCases } from './handover-load';
import { profileHistories } from './history-profile';
import { openCases } from './open-cases';
import { parseOptions } from './options';
import { memoryOf } from './processes';
import { machine, printTable, targets, writeResults, type BenchResults } from './report';
import { startStack, type BenchStack } from './stack';

/** Workflows whose histories are read back for the per-handover profile. */
const PROFILED_WORKFLOWS = 20;
/** Starts in flight while opening the cases for the worker-memory measurement. */
const OPEN_CASE_CONCURRENCY = 32;

/**
 * `npm run bench`: handover throughput through the HTTP API against a bare-Temporal baseline on
 * the same server, read latency as open tasks grow, and worker memory with many open cases.
 */
async function bench(
  stack: BenchStack,
  options: ReturnType<typeof parseOptions>,
): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const before = await readCounters(stack.databaseUrl);
  const { caseIds, ...throughput } = await driveCases(
    stack.apiUrl,
    options.cases,
    options.concurrency,
  );
  const peakMemory = { api: memoryOf(stack.api.pid), worker: memoryOf(stack.worker.pid) };
  const { workflowIds, ...baseline } = await runBaseline(
    stack.temporalAddress,
    stack.temporal,
    options.cases,
    options.concurrency,
  );
  // Read after the baseline, which writes nothing: idle backends have flushed their statistics by then.
  const after = await readCounters(stack.databaseUrl);
  const historyPerHandover = {
    schakel: await profileHistories(
      stack.temporal,
      caseIds.slice(0, PROFILED_WORKFLOWS).map((id) => `case-${id}`),
      HANDOVERS_PER_CASE,
    ),
    baseline: await profileHistories(
      stack.temporal,
      workflowIds.slice(0, PROFILED_WORKFLOWS),
      HANDOVERS_PER_CASE,
    ),
  };
  const codecCost = await measureCodecCost(
    stack.temporal,
    stack.keyring,
    caseIds.map((id) => `case-${id}`),
    HANDOVERS_PER_CASE,
  );
  const growth = await measureGrowth(
    stack.apiUrl,
    stack.databaseUrl,
    options.openTaskLevels,
    options.samples,
  );
  const open = options.openCases
    ? await openCases(
        stack.temporal,
        stack.keyring,
        stack.databaseUrl,
        stack.worker.pid,
        options.openCases,
        OPEN_CASE_CONCURRENCY,
      )
    : undefined;
  const partial = {
    startedAt,
    machine: machine(),
    options,
    throughput,
    peakMemory,
    baseline,
    ratioToBaseline:
      Math.round((throughput.handoversPerSecond / baseline.handoversPerSecond) * 1000) / 1000,
    databaseWritesPerHandover: writesPerHandover(before, after, throughput.handovers),
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
  const stack = await startStack(options.databaseUrl, (stop) => (stopStack = stop));
  try {
    const results = await bench(stack, options);
    printTable(results);
    console.log(`\nResults: ${writeResults(results, options.outDir)}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
