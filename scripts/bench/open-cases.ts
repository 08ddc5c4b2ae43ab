import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Keyring } from '@schakel/config';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type CaseWorkflowInput } from '@schakel/contracts';
import { encryptedDataConverter } from '@schakel/temporal';
import { DEBT_CHAIN_ID, debtIntake } from './debt-chain';
import { largestMemory, type MemorySample } from './processes';
import { ProgressBar } from './progress';
import { runPool } from './stats';
import { CASE_TASK_QUEUE } from './stack';

export interface OpenCasesResult {
  openCases: number;
  startSeconds: number;
  startsPerSecond: number;
  /** Worker memory once half the cases, then all of them, have opened their first task (largest worker). */
  workerAtHalf: MemorySample;
  worker: MemorySample;
  /** RSS growth per open case between half and all: what each case costs past the workflow cache. */
  mibPerCaseBeyondHalf: number;
}

/**
 * Real case workflows on the debt chain, left open at their first task: the case rows are written
 * with SQL (as intake would), the workflows started with the Temporal client the way the API does.
 */
export async function openCases(
  connection: Connection,
  keyring: Keyring,
  databaseUrl: string,
  workerPids: number[],
  total: number,
  concurrency: number,
): Promise<OpenCasesResult> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const version = await db.query<{ version: number; document: CaseWorkflowInput['model'] }>(
      `SELECT version, document FROM model_versions WHERE chain_id = $1 ORDER BY version DESC LIMIT 1`,
      [DEBT_CHAIN_ID],
    );
    const admin = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
    const { version: modelVersion, document: model } = version.rows[0] as (typeof version.rows)[0];
    const openedBy = {
      userId: admin.rows[0]?.id as string,
      role: 'admin' as const,
      organisationId: null,
    };
    const ids = Array.from({ length: total }, () => randomUUID());
    await db.query(
      `INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question,
         client_reference, opened_by)
       SELECT id, $2, $3, 'arrears-signal', 'coordinate', 'Synthetisch', 'BENCH-OPEN', $4
       FROM unnest($1::uuid[]) AS id`,
      [ids, DEBT_CHAIN_ID, modelVersion, openedBy.userId],
    );
    // Encrypted like the API's client: the worker only reads payloads under the deployment's keys.
    const client = new Client({ connection, dataConverter: encryptedDataConverter(keyring) });
    const progress = new ProgressBar('Open case workflows', total);
    const started = performance.now();
    const start = async (index: number) => {
      const caseId = ids[index] as string;
      const { data } = debtIntake(index) as { data: CaseWorkflowInput['data'] };
      const input: CaseWorkflowInput = {
        caseId,
        chainId: DEBT_CHAIN_ID,
        modelVersion,
        model,
        category: 'arrears-signal',
        intensity: 'coordinate',
        data,
        openedBy,
        intake: {
          clientQuestion: 'Synthetisch',
          clientReference: 'BENCH-OPEN',
          idempotencyKey: null,
        },
      };
      await client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: CASE_TASK_QUEUE,
        args: [input],
      });
      progress.tick();
    };
    const half = Math.floor(total / 2);
    await runPool(half, concurrency, start);
    await waitForFirstTasks(db, ids.slice(0, half));
    const workerAtHalf = largestMemory(workerPids);
    await runPool(total - half, concurrency, (index) => start(half + index));
    await waitForFirstTasks(db, ids);
    const startSeconds = (performance.now() - started) / 1000;
    progress.finish();
    const worker = largestMemory(workerPids);
    return {
      openCases: total,
      startSeconds: Math.round(startSeconds * 100) / 100,
      startsPerSecond: Math.round((total / startSeconds) * 100) / 100,
      workerAtHalf,
      worker,
      mibPerCaseBeyondHalf:
        Math.round(((worker.rssMiB - workerAtHalf.rssMiB) / Math.max(1, total - half)) * 1e4) / 1e4,
    };
  } finally {
    await db.end();
  }
}

/** Every started case has projected its first task (bounded wait). */
async function waitForFirstTasks(db: PgClient, ids: string[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await db.query<{ n: string }>(
      `SELECT count(DISTINCT case_id) AS n FROM tasks WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    if (Number(result.rows[0]?.n) >= ids.length) return;
    await sleep(500);
  }
  throw new Error(`Not every open case projected its first task within ${timeoutMs} ms`);
}
