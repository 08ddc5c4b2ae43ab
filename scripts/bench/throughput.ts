import { runBaseline, type BaselineResult } from './baseline';
import {
  cpuPerHandover,
  readCpu,
  readStatements,
  resetStatements,
  type CpuReading,
  type CpuShare,
  type StatementProfile,
} from './component-cost';
import { readCounters, withClient, writesPerHandover } from './database-profile';
import { auditLines, checkExactlyOnce, type ExactlyOnceCheck } from './exactly-once';
import { driveCases, type ThroughputResult } from './handover-load';
import { largestMemory, type MemorySample } from './processes';
import { APPS, type BenchStack } from './stack';

const BASELINE_COMPONENTS = ['temporal', 'bench'];

/** One concurrency level: Schakel and the bare engine, with what each handover cost whom. */
export interface ThroughputLevel {
  concurrency: number;
  /** When Schakel's run started and ended, on the bench's performance clock. */
  window: { startMs: number; endMs: number };
  schakel: Omit<ThroughputResult, 'caseIds'>;
  baseline: Omit<BaselineResult, 'workflowIds'>;
  /** The engine in Schakel's shape: an activity before each Update answers (baseline.workflow.ts). */
  engineShape: Omit<BaselineResult, 'workflowIds'>;
  ratioToBaseline: number;
  /** CPU per handover and cores kept busy, per component, during each run. */
  cpu: {
    schakel: Record<string, CpuShare>;
    baseline: Record<string, CpuShare>;
    engineShape: Record<string, CpuShare>;
  };
  statements: StatementProfile;
  databaseWritesPerHandover: ReturnType<typeof writesPerHandover>;
  /** Peak resident memory per component after the run (the largest process of each). */
  peakMemory: Record<string, MemorySample>;
  exactlyOnce: ExactlyOnceCheck[];
}

/**
 * Drives `cases` through the HTTP API at the given concurrency, then as many baseline workflows on
 * the bare engine and in Schakel's shape, reading every component's CPU time and PostgreSQL's statement statistics
 * around each, and checks that the read side holds every handover, notification and audit line
 * exactly once.
 */
export async function measureThroughput(
  stack: BenchStack,
  cases: number,
  concurrency: number,
): Promise<{ level: ThroughputLevel; caseIds: string[]; workflowIds: string[] }> {
  const auditLinesBefore = await withClient(stack.databaseUrl, auditLines);
  const counters = await readCounters(stack.databaseUrl);
  await resetStatements(stack.databaseUrl);
  const cpu: CpuReading[] = [];
  const readAround = {
    started: () => cpu.push(readCpu(stack.components)),
    finished: () => cpu.push(readCpu(stack.components)),
  };
  const { caseIds, ...schakel } = await driveCases(stack.apiUrls, cases, concurrency, readAround);
  const statements = await readStatements(stack.databaseUrl, Object.keys(APPS), schakel.handovers);
  const peakMemory = Object.fromEntries(
    Object.entries(stack.apps).map(([app, children]) => [
      app,
      largestMemory(
        children.map((child) => child.pid),
        'peakRssMiB',
      ),
    ]),
  );
  const { workflowIds, ...baseline } = await runBaseline(
    stack.temporalAddress,
    stack.temporal,
    cases,
    concurrency,
    readAround,
  );
  const { workflowIds: _shaped, ...engineShape } = await runBaseline(
    stack.temporalAddress,
    stack.temporal,
    cases,
    concurrency,
    readAround,
    'activity',
  );
  const [schakelStart, schakelEnd, baselineStart, baselineEnd, shapeStart, shapeEnd] =
    cpu as CpuReading[] as [CpuReading, CpuReading, CpuReading, CpuReading, CpuReading, CpuReading];
  // The apps idle meanwhile (relay polls, clocks): the engine's cost is the server's and the
  // bench's, whose process hosts the baselines' worker.
  const engineCpu = (start: CpuReading, end: CpuReading, handovers: number) =>
    cpuPerHandover(start, end, handovers, BASELINE_COMPONENTS);
  // Read after the baseline, which writes nothing: idle backends have flushed their statistics by then.
  const countersAfter = await readCounters(stack.databaseUrl);
  const exactlyOnce = await checkExactlyOnce(stack.databaseUrl, {
    caseIds,
    handovers: schakel.handovers,
    authenticatedCalls: schakel.authenticatedCalls,
    auditLinesBefore,
  });
  return {
    level: {
      concurrency,
      window: { startMs: schakelStart.atMs, endMs: schakelEnd.atMs },
      schakel,
      baseline,
      engineShape,
      ratioToBaseline:
        Math.round((schakel.handoversPerSecond / baseline.handoversPerSecond) * 1000) / 1000,
      cpu: {
        schakel: cpuPerHandover(schakelStart, schakelEnd, schakel.handovers),
        baseline: engineCpu(baselineStart, baselineEnd, baseline.handovers),
        engineShape: engineCpu(shapeStart, shapeEnd, engineShape.handovers),
      },
      statements,
      databaseWritesPerHandover: writesPerHandover(counters, countersAfter, schakel.handovers),
      peakMemory,
      exactlyOnce,
    },
    caseIds,
    workflowIds,
  };
}
