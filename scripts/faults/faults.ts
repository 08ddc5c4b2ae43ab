import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { caseWorkflowId } from '@schakel/contracts';
import { actionKey, type GoodClient, type InboxItem } from './good-client';
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
  /** Work a fault leaves running (the rest of its own case), for the run to await before settling. */
  background: Promise<void>[];
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
  let injected: (record: FaultRecord) => void = () => undefined;
  const recorded = new Promise<FaultRecord>((resolve) => (injected = resolve));
  const victim = client.runCase(context.victimCaseIndex, async (step, task, send) => {
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
    // Nothing may re-send the Update before the comparison: the client waits, and the API goes down
    // with Temporal (its SDK client would otherwise retry the in-flight Update by itself).
    const resume = client.pause();
    await stack.temporal.kill();
    await stack.killApp('api');
    await lock.query('ROLLBACK');
    await lock.end();
    await sleep(RESTART_DELAY_MS); // the released projection commits meanwhile
    await stack.temporal.start();
    const divergence = await readSideAhead(
      stack,
      task.caseId,
      task,
      actionKey(context.victimCaseIndex, task.taskKey, 'complete'),
      log,
    );
    await stack.startApp('api');
    resume();
    injected({
      name: 'temporal-kill-during-projection',
      startedAt,
      restoredAt: Date.now(),
      detail: `case ${task.caseId}, ${task.taskKey} complete`,
      divergence,
      ...(blocked
        ? {}
        : {
            notInjected: `no projection waited on the row lock within ${BLOCK_TIMEOUT_MS / 1000} s`,
          }),
    });
    await sent;
  });
  // The rest of the victim case runs on with the load; the fault is over once it is recorded.
  context.background.push(
    victim.then(() =>
      injected({
        name: 'temporal-kill-during-projection',
        startedAt,
        restoredAt: Date.now(),
        notInjected: 'the victim case never reached matching',
      }),
    ),
  );
  return recorded;
}

/**
 * After the restart, before anyone retries: does PostgreSQL hold the complete the server's history
 * does not? The history is read directly (a query could be answered from the worker's cache, which
 * still holds the lost decision): a durable complete shows as an accepted Update with its key.
 */
async function readSideAhead(
  stack: FaultStack,
  caseId: string,
  task: InboxItem,
  key: string,
  log: (line: string) => void,
): Promise<string[]> {
  const handle = (await stack.workflows()).getHandle(caseWorkflowId(caseId));
  const deadline = Date.now() + QUERY_TIMEOUT_MS;
  let history: Awaited<ReturnType<typeof handle.fetchHistory>> | undefined;
  while (!history) {
    try {
      history = await handle.fetchHistory();
    } catch (error) {
      if (Date.now() > deadline)
        return [`no history after the restart: ${(error as Error).message}`];
      await sleep(500);
    }
  }
  const durable = (history.events ?? []).some((event) =>
    event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId?.endsWith(
      `:${key}`,
    ),
  );
  const projected = await stack.database(async (database) => {
    const { rows } = await database.query<{ status: string; events: number }>(
      `SELECT status, (SELECT count(*)::int FROM case_events e
         WHERE e.case_id = t.case_id AND e.task_key = t.task_key AND e.type = 'task.completed') AS events
       FROM tasks t WHERE case_id = $1 AND task_key = $2`,
      [caseId, task.taskKey],
    );
    return rows[0];
  });
  log(
    `  after the restart: complete ${durable ? 'in' : 'not in'} the history; PostgreSQL: ` +
      `${task.taskKey} ${projected?.status ?? 'missing'}, ${projected?.events ?? 0} task.completed events`,
  );
  if (durable || (projected?.status !== 'completed' && !projected?.events)) return [];
  return [
    `${task.taskKey} is ${projected?.status} with ${projected?.events} task.completed event(s) in ` +
      'PostgreSQL, but the server lost the complete (no accepted Update in the history)',
  ];
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
