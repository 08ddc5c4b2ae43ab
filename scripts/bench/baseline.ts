import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, type Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DEBT_CHAIN_STAGES, HANDOVERS_PER_CASE } from './debt-chain';
import { ProgressBar } from './progress';
import { Latencies, runPool, type LatencySummary, type PhaseHooks } from './stats';
import {
  baselineHandoverUpdate,
  handoverActivityBaselineWorkflow,
  handoverBaselineWorkflow,
  type BaselineActivities,
} from './baseline.workflow';

/** The bare engine (one Update per handover), or the engine in Schakel's shape (an activity per Update). */
export type BaselineShape = 'bare' | 'activity';

const WORKFLOWS = { bare: handoverBaselineWorkflow, activity: handoverActivityBaselineWorkflow };
const activities: BaselineActivities = { recordHandover: async () => undefined };

const TASK_QUEUE = 'bench-baseline';

export interface BaselineResult {
  workflows: number;
  handovers: number;
  concurrency: number;
  seconds: number;
  handoversPerSecond: number;
  latency: Record<string, LatencySummary>;
  workflowIds: string[];
}

/**
 * The same number of handovers, in the same shape (stages, the parallel pair together), as one
 * Update each on a minimal workflow — on the same Temporal server, with a worker in this process.
 */
export async function runBaseline(
  temporalAddress: string,
  connection: Connection,
  workflows: number,
  concurrency: number,
  hooks?: PhaseHooks,
  shape: BaselineShape = 'bare',
): Promise<BaselineResult> {
  const workerConnection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('./baseline.workflow'),
    activities,
  });
  const client = new Client({ connection });
  const latencies = new Latencies();
  const workflowIds: string[] = [];
  const progress = new ProgressBar(
    shape === 'bare' ? 'Handovers on the bare engine' : 'Handovers, engine + activity',
    workflows * HANDOVERS_PER_CASE,
  );
  let seconds = 0;
  const drive = async () => {
    hooks?.started();
    const started = performance.now();
    await runPool(workflows, concurrency, async () => {
      const handle = await latencies.time('start', () =>
        client.workflow.start(WORKFLOWS[shape], {
          taskQueue: TASK_QUEUE,
          workflowId: `baseline-${randomUUID()}`,
          args: [HANDOVERS_PER_CASE],
        }),
      );
      workflowIds.push(handle.workflowId);
      for (const stage of DEBT_CHAIN_STAGES) {
        await Promise.all(
          stage.map(async ({ stepId, outcome, data }) => {
            await latencies.time('update', () =>
              handle.executeUpdate(baselineHandoverUpdate, { args: [{ stepId, outcome, data }] }),
            );
            progress.tick();
          }),
        );
      }
      await handle.result();
    });
    seconds = (performance.now() - started) / 1000;
    hooks?.finished();
  };
  try {
    await worker.runUntil(drive());
  } finally {
    await workerConnection.close();
  }
  progress.finish();
  const handovers = workflows * HANDOVERS_PER_CASE;
  return {
    workflows,
    handovers,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    handoversPerSecond: Math.round((handovers / seconds) * 100) / 100,
    latency: latencies.summary(),
    workflowIds,
  };
}
