import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowClient } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { caseStateQuery, caseWorkflowId, type CaseWorkflowState } from '@schakel/contracts';
import type { GoodClient } from './good-client';
import type { AppName, FaultStack } from './stack';

/** One injected fault as it happened. */
export interface FaultRecord {
  name: string;
  startedAt: number;
  /** When the failed part was serving again. */
  restoredAt: number;
  detail?: string;
  /** The fault could not be injected as intended: the run checks less than it claims. */
  notInjected?: string;
  /** Read-side rows ahead of the workflow's durable state, seen while nothing could retry. */
  divergence?: string[];
}

export type FaultName =
  | 'worker-kill'
  | 'api-kill'
  | 'redis-down'
  | 'postgres-restart-fast'
  | 'postgres-restart-immediate'
  | 'temporal-kill'
  | 'temporal-kill-during-projection';

export interface FaultContext {
  stack: FaultStack;
  client: GoodClient;
  redisDownMs: number;
  /** The case index the projection-in-flight fault drives itself. */
  victimCaseIndex: number;
  log: (line: string) => void;
}

/** How long a killed process stays down before it is started again. */
const RESTART_DELAY_MS = 3_000;
/** How long the harness waits for the locked projection to show up as a waiting lock. */
const BLOCK_TIMEOUT_MS = 60_000;
/** How long the restarted server and worker may take to answer a query about the case. */
const QUERY_TIMEOUT_MS = 90_000;

/** Injects one fault and brings the part back; resolves once it serves again. */
export async function inject(name: FaultName, context: FaultContext): Promise<FaultRecord> {
  const { stack } = context;
  const startedAt = Date.now();
  const done = (extra: Partial<FaultRecord> = {}): FaultRecord => ({
    name,
    startedAt,
    restoredAt: Date.now(),
    ...extra,
  });
  switch (name) {
    case 'worker-kill':
    case 'api-kill': {
      const app: AppName = name === 'worker-kill' ? 'worker' : 'api';
      await stack.killApp(app);
      await sleep(RESTART_DELAY_MS);
      await stack.startApp(app);
      return done();
    }
    case 'redis-down':
      await stack.redis.stop();
      await sleep(context.redisDownMs);
      await stack.redis.start();
      return done({ detail: `${Math.round(context.redisDownMs / 1000)} s` });
    case 'postgres-restart-fast':
      await stack.postgres.restart('fast');
      return done();
    case 'postgres-restart-immediate':
      await stack.postgres.restart('immediate');
      return done();
    case 'temporal-kill':
      await stack.temporal.kill();
      await sleep(RESTART_DELAY_MS);
      await stack.temporal.start();
      return done();
    case 'temporal-kill-during-projection':
      return killDuringProjection(context, startedAt);
  }
}

/**
 * The pointed fault: the Temporal server dies while a decided transition is being projected. A row
 * lock on the case's `cases` and `tasks` rows (from a connection of the harness's own) holds the
 * projection inside its transaction; the complete is sent, Temporal is killed, the lock released
 * (so the projection commits a decision the server never persisted), Temporal restarted, and the
 * client retries with its key as it always does.
 */
async function killDuringProjection(
  context: FaultContext,
  startedAt: number,
): Promise<FaultRecord> {
  const { stack, client, log } = context;
  let record: FaultRecord | undefined;
  await client.runCase(context.victimCaseIndex, async (step, task, send) => {
    if (step.stepId !== 'matching') return send();
    const lock = new PgClient({ connectionString: stack.postgres.url });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [task.caseId]);
    await lock.query('SELECT 1 FROM tasks WHERE case_id = $1 FOR UPDATE', [task.caseId]);
    const sent = send();
    const blocked = await waitForBlockedWriter(lock, BLOCK_TIMEOUT_MS);
    log(
      blocked
        ? '  projection blocked on the row lock; killing Temporal'
        : '  projection never blocked',
    );
    await stack.temporal.kill();
    await lock.query('ROLLBACK');
    await lock.end();
    // Let the projection commit before the server is back (it already has).
    await sleep(RESTART_DELAY_MS);
    await stack.temporal.start();
    const restoredAt = Date.now();
    record = {
      name: 'temporal-kill-during-projection',
      startedAt,
      restoredAt,
      detail: `case ${task.caseId}, ${task.taskKey} complete`,
      ...(blocked
        ? {}
        : {
            notInjected: `no projection waited on the row lock within ${BLOCK_TIMEOUT_MS / 1000} s`,
          }),
    };
    await sent;
  });
  return (
    record ?? {
      name: 'temporal-kill-during-projection',
      startedAt,
      restoredAt: Date.now(),
      notInjected: 'the victim case never reached matching',
    }
  );
}

/**
 * After the restart, before anyone retries: the task rows and events of the case that the
 * workflow's durable state does not hold (a decision the server lost, but PostgreSQL kept).
 */
async function readSideAhead(stack: FaultStack, caseId: string): Promise<string[]> {
  const workflows = new WorkflowClient({ connection: await stack.connection() });
  const deadline = Date.now() + QUERY_TIMEOUT_MS;
  let state: CaseWorkflowState | undefined;
  while (!state) {
    try {
      state = await workflows.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);
    } catch (error) {
      if (Date.now() > deadline)
        return [`the workflow did not answer a query: ${(error as Error).message}`];
      await sleep(500);
    }
  }
  const decided = new Map(state.routing.tasks.map((task) => [task.taskKey, task.status]));
  return stack.database(async (database) => {
    const tasks = await database.query<{ task_key: string; status: string }>(
      'SELECT task_key, status FROM tasks WHERE case_id = $1 ORDER BY task_key',
      [caseId],
    );
    const events = await database.query<{ event_id: string; type: string }>(
      'SELECT event_id, type FROM case_events WHERE case_id = $1',
      [caseId],
    );
    const ahead = tasks.rows
      .filter((row) => decided.get(row.task_key) !== row.status)
      .map(
        (row) =>
          `${row.task_key} ${row.status} in PostgreSQL, ${decided.get(row.task_key) ?? 'absent'} in the workflow`,
      );
    for (const event of events.rows) {
      const sequence = Number(event.event_id.slice(event.event_id.lastIndexOf(':') + 1));
      if (sequence > (state?.sequence ?? 0))
        ahead.push(
          `event ${event.event_id} (${event.type}) beyond the workflow's sequence ${state?.sequence}`,
        );
    }
    return ahead;
  });
}

/** True once another backend waits for a lock this connection holds. */
async function waitForBlockedWriter(lock: PgClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await lock.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`,
    );
    if ((rows[0]?.waiting ?? 0) > 0) return true;
    await sleep(100);
  }
  return false;
}
