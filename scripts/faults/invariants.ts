import type { WorkflowClient } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import { caseStateQuery, caseWorkflowId, type CaseWorkflowState } from '@schakel/contracts';
import type { Acknowledgement } from './good-client';

/** One broken promise, with enough detail to find it again. */
export interface Violation {
  invariant: string;
  detail: string;
}

/** What the checks read, besides the databases: the client's acknowledgements and the receiver's requests. */
export interface Observed {
  acknowledgements: Acknowledgement[];
  abandoned: { caseIndex: number; reason: string }[];
  /** Webhook bodies the receiver got, parsed. */
  webhooks: { id: string; kind: string; caseId: string | null; data: { taskKey?: string } }[];
  /** The organisation whose webhook the run registered. */
  webhookOrganisation: string;
  /** When Redis was down (start, restored), for the check that no transition waited for it. */
  redisOutages: { startedAt: number; restoredAt: number }[];
}

/** A write sent this long before Redis came back had time to be answered without it. */
const REDIS_GRACE_MS = 5_000;

/** Acknowledged handovers missing from the read side, completions beyond one, cases beyond one per key. */
export interface Tally {
  lost: number;
  duplicated: number;
  openedTwice: number;
}

export const INVARIANTS = {
  handoverOnce: 'every acknowledged handover is in case_events and the task rows exactly once',
  noDoubleCompletion: 'no task completed twice',
  oneCasePerKey: 'no case opened twice per Idempotency-Key',
  stateEqualsReadSide:
    'workflow state equals PostgreSQL (tasks: key, status, partner, assignee; case status)',
  timesEqual: 'task and event times in PostgreSQL equal the durable decision',
  durableFirst:
    'the read side never holds a decision Temporal lost (checked after a kill, before any retry)',
  eventLog:
    'event log equals the durable history (contiguous sequence, one event per decided step)',
  notificationsOnce:
    'every expected in-app notification exactly once, under the id of the durable event',
  webhooksAtLeastOnce: 'every expected webhook delivered at least once, with one stable id',
  noWaitOnRedis:
    'no transition waits for Redis (a write sent while Redis is down is answered before it is back)',
  auditRecorded: 'every acknowledged write is in the audit log',
  nothingStuck:
    'nothing stuck: every open case has an open task, every case the client finished is closed',
  clientFinished: 'the good client finished every case it started',
  faultsInjected: 'every scheduled fault was injected as intended',
} as const;

interface TaskRow {
  case_id: string;
  task_key: string;
  status: string;
  partner_id: string;
  assignee_id: string | null;
  opened_at: Date;
  claimed_at: Date | null;
  closed_at: Date | null;
}

interface EventRow {
  case_id: string;
  event_id: string;
  type: string;
  task_key: string | null;
  occurred_at: Date;
}

interface NotificationRow {
  event_id: string;
  recipient_id: string;
  case_id: string;
  task_key: string | null;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const sequenceOf = (eventId: string) => Number(eventId.slice(eventId.lastIndexOf(':') + 1));

/** Groups rows by a key. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/**
 * Reads PostgreSQL and every case workflow's state after the run has settled and returns every
 * violation found. Each check compares against an independent source (the client's acknowledgements,
 * the workflow's durable state, the receiver's log), so a regression in any one of them shows.
 */
export async function checkInvariants(
  database: PgClient,
  workflows: WorkflowClient,
  observed: Observed,
): Promise<{ violations: Violation[]; tally: Tally }> {
  const violations: Violation[] = [];
  const tally: Tally = { lost: 0, duplicated: 0, openedTwice: 0 };
  const fail = (invariant: keyof typeof INVARIANTS, detail: string) =>
    violations.push({ invariant: INVARIANTS[invariant], detail });

  const cases = (
    await database.query<{
      id: string;
      status: string;
      client_reference: string;
      idempotency_key: string | null;
    }>('SELECT id, status, client_reference, idempotency_key FROM cases')
  ).rows;
  const tasks = (
    await database.query<TaskRow>(
      'SELECT case_id, task_key, status, partner_id, assignee_id, opened_at, claimed_at, closed_at FROM tasks',
    )
  ).rows;
  const events = (
    await database.query<EventRow>(
      'SELECT case_id, event_id, type, task_key, occurred_at FROM case_events',
    )
  ).rows;
  const notifications = (
    await database.query<NotificationRow>(
      `SELECT event_id, recipient_id, case_id, payload->>'taskKey' AS task_key FROM notifications
       WHERE kind = 'task.assigned'`,
    )
  ).rows;
  const tasksByCase = groupBy(tasks, (row) => row.case_id);
  const eventsByCase = groupBy(events, (row) => row.case_id);

  // Cases opened once per key: one row per client reference, and it is the case the client was given.
  const byReference = groupBy(cases, (row) => row.client_reference);
  for (const [reference, rows] of byReference) {
    if (rows.length > 1) tally.openedTwice += rows.length - 1;
    if (rows.length > 1)
      fail(
        'oneCasePerKey',
        `${reference}: ${rows.length} cases (${rows.map((row) => row.id).join(', ')})`,
      );
  }
  for (const ack of observed.acknowledgements.filter(
    (candidate) => candidate.action === 'intake',
  )) {
    const row = cases.find((candidate) => candidate.id === ack.caseId);
    if (!row)
      fail(
        'oneCasePerKey',
        `intake ${ack.idempotencyKey} answered case ${ack.caseId}, which has no row`,
      );
  }

  // Every acknowledged handover once; no task completed twice.
  const completions = groupBy(
    events.filter((event) => event.type === 'task.completed'),
    (event) => `${event.case_id}/${event.task_key}`,
  );
  for (const [task, rows] of completions) {
    if (rows.length > 1) tally.duplicated += rows.length - 1;
    if (rows.length > 1)
      fail('noDoubleCompletion', `${task}: ${rows.length} task.completed events`);
  }
  for (const row of tasks) {
    if (!row.task_key.endsWith(':1'))
      fail(
        'noDoubleCompletion',
        `${row.case_id}/${row.task_key}: a second iteration the client never asked for`,
      );
  }
  for (const ack of observed.acknowledgements.filter(
    (candidate) => candidate.action === 'complete',
  )) {
    const key = `${ack.caseId}/${ack.taskKey}`;
    const count = completions.get(key)?.length ?? 0;
    if (count !== 1) fail('handoverOnce', `${key}: acknowledged, ${count} task.completed events`);
    const row = tasksByCase
      .get(ack.caseId)
      ?.find((candidate) => candidate.task_key === ack.taskKey);
    if (count === 0 || row?.status !== 'completed') tally.lost += 1;
    if (row?.status !== 'completed')
      fail('handoverOnce', `${key}: acknowledged, task row ${row?.status ?? 'missing'}`);
  }

  // The workflow's durable state against the read side, case by case.

  for (const row of cases) {
    let state: CaseWorkflowState;
    try {
      state = await workflows.getHandle(caseWorkflowId(row.id)).query(caseStateQuery);
    } catch (error) {
      fail(
        'stateEqualsReadSide',
        `${row.id}: case row (${row.status}) but no workflow state: ${(error as Error).message}`,
      );
      continue;
    }
    compareCase(row, state, tasksByCase.get(row.id) ?? [], eventsByCase.get(row.id) ?? [], fail);
  }

  // Notifications: one per acknowledged assign, under the durable event's id; webhooks at least once.
  const assignedEvents = new Map(
    events
      .filter((event) => event.type === 'task.assigned')
      .map((event) => [`${event.case_id}/${event.task_key}`, event]),
  );
  const expectedWebhookIds = new Set<string>();
  for (const ack of observed.acknowledgements.filter(
    (candidate) => candidate.action === 'assign',
  )) {
    const key = `${ack.caseId}/${ack.taskKey}`;
    const event = assignedEvents.get(key);
    const rows = notifications.filter(
      (candidate) => candidate.case_id === ack.caseId && candidate.task_key === ack.taskKey,
    );
    const expectedId =
      // The notification's id is its case event's id plus the kind (transition-work.ts).
      event && `${ack.caseId}:${sequenceOf(event.event_id)}:task.assigned`;
    if (
      rows.length !== 1 ||
      rows[0]?.event_id !== expectedId ||
      rows[0]?.recipient_id !== ack.assigneeId
    ) {
      fail(
        'notificationsOnce',
        `${key}: expected ${expectedId ?? '(no task.assigned event)'} for ${ack.assigneeId}, found [${rows.map((candidate) => candidate.event_id).join(', ')}]`,
      );
    }
    const organisation = tasksByCase
      .get(ack.caseId)
      ?.find((task) => task.task_key === ack.taskKey)?.partner_id;
    if (expectedId && organisation === observed.webhookOrganisation)
      expectedWebhookIds.add(expectedId);
  }
  const received = groupBy(
    observed.webhooks,
    (body) => `${body.caseId}/${body.data.taskKey}/${body.kind}`,
  );
  for (const id of expectedWebhookIds) {
    if (!observed.webhooks.some((body) => body.id === id))
      fail('webhooksAtLeastOnce', `${id}: never received`);
  }
  for (const [subject, bodies] of received) {
    const ids = new Set(bodies.map((body) => body.id));
    if (ids.size > 1)
      fail(
        'webhooksAtLeastOnce',
        `${subject}: received under ${ids.size} ids (${[...ids].join(', ')})`,
      );
    for (const id of ids) {
      if (!expectedWebhookIds.has(id))
        fail(
          'webhooksAtLeastOnce',
          `${id}: received, but no durable event or acknowledged assign explains it`,
        );
    }
  }

  // Writes sent while Redis was down are answered while it is down; every acknowledged write audited.
  for (const outage of observed.redisOutages) {
    for (const ack of observed.acknowledgements) {
      if (
        ack.sentAt >= outage.startedAt &&
        ack.sentAt < outage.restoredAt - REDIS_GRACE_MS &&
        ack.at >= outage.restoredAt
      ) {
        fail(
          'noWaitOnRedis',
          `${ack.idempotencyKey}: sent ${((outage.restoredAt - ack.sentAt) / 1000).toFixed(1)} s before Redis was back, answered ${((ack.at - outage.restoredAt) / 1000).toFixed(1)} s after`,
        );
      }
    }
  }
  const audited = (
    await database.query<{ path: string; count: number }>(
      `SELECT path, count(*)::int AS count FROM audit_log WHERE method = 'POST' AND status_code BETWEEN 200 AND 299 GROUP BY path`,
    )
  ).rows;
  const auditCount = new Map(audited.map((row) => [row.path, row.count]));
  const writesByPath = groupBy(observed.acknowledgements, (ack) => ack.path);
  for (const [path, acks] of writesByPath) {
    const count = auditCount.get(path) ?? 0;
    if (count < acks.length)
      fail('auditRecorded', `POST ${path}: ${acks.length} acknowledged, ${count} audit lines`);
  }

  // The client finished what it started.
  const finished = new Set(
    observed.acknowledgements
      .filter((ack) => ack.action === 'complete' && ack.stepId === 'aftercare')
      .map((ack) => ack.caseId),
  );
  for (const caseId of finished) {
    const row = cases.find((candidate) => candidate.id === caseId);
    if (row?.status !== 'closed')
      fail(
        'nothingStuck',
        `${caseId}: the last handover was acknowledged, case is ${row?.status ?? 'missing'}`,
      );
  }
  for (const { caseIndex, reason } of observed.abandoned)
    fail('clientFinished', `case ${caseIndex}: ${reason}`);
  return { violations, tally };
}

function compareCase(
  row: { id: string; status: string },
  state: CaseWorkflowState,
  tasks: TaskRow[],
  events: EventRow[],
  fail: (invariant: keyof typeof INVARIANTS, detail: string) => void,
): void {
  const caseId = row.id;
  if (state.status !== row.status)
    fail('stateEqualsReadSide', `${caseId}: workflow ${state.status}, PostgreSQL ${row.status}`);
  const workflowTasks = new Map(state.routing.tasks.map((task) => [task.taskKey, task]));
  const rows = new Map(tasks.map((task) => [task.task_key, task]));
  for (const key of new Set([...workflowTasks.keys(), ...rows.keys()])) {
    const decided = workflowTasks.get(key);
    const projected = rows.get(key);
    if (!decided || !projected) {
      fail(
        'stateEqualsReadSide',
        `${caseId}/${key}: only in ${decided ? 'the workflow' : 'PostgreSQL'}`,
      );
      continue;
    }
    const holder = state.holders[key];
    const pairs: [string, unknown, unknown][] = [
      ['status', decided.status, projected.status],
      ['partner', decided.partnerId, projected.partner_id],
      ['assignee', holder?.assigneeId ?? null, projected.assignee_id],
    ];
    for (const [field, want, got] of pairs) {
      if (want !== got)
        fail(
          'stateEqualsReadSide',
          `${caseId}/${key}: ${field} ${String(want)} in the workflow, ${String(got)} in PostgreSQL`,
        );
    }
    const times: [string, string | null | undefined, string | null][] = [
      ['opened', holder?.openedAt, iso(projected.opened_at)],
      ['claimed', holder?.claimedAt, iso(projected.claimed_at)],
      ['closed', holder?.closedAt, iso(projected.closed_at)],
    ];
    for (const [field, want, got] of times) {
      if ((want ?? null) !== got)
        fail('timesEqual', `${caseId}/${key}: ${field} ${want ?? null} decided, ${got} projected`);
    }
  }
  if (state.status === 'open' && !state.routing.tasks.some((task) => task.status === 'open')) {
    fail('nothingStuck', `${caseId}: open without an open task`);
  }
  if (row.status === 'open' && !tasks.some((task) => task.status === 'open')) {
    fail('nothingStuck', `${caseId}: open in PostgreSQL without an open task row`);
  }

  // The event log: ids <case>:1..<sequence>, nothing missing, nothing beyond; one event per decided step.
  const sequences = events.map((event) => sequenceOf(event.event_id)).sort((a, b) => a - b);
  const contiguous =
    sequences.length === state.sequence && sequences.every((value, index) => value === index + 1);
  if (!contiguous) {
    fail(
      'eventLog',
      `${caseId}: ${sequences.length} events (max ${sequences[sequences.length - 1] ?? 0}), workflow decided ${state.sequence}`,
    );
  }
  const count = (type: string, key: string) =>
    events.filter((event) => event.type === type && event.task_key === key).length;
  for (const task of state.routing.tasks) {
    if (count('task.opened', task.taskKey) !== 1)
      fail(
        'eventLog',
        `${caseId}/${task.taskKey}: ${count('task.opened', task.taskKey)} task.opened events`,
      );
    const completed = count('task.completed', task.taskKey);
    if (completed !== (task.status === 'completed' ? 1 : 0)) {
      fail(
        'eventLog',
        `${caseId}/${task.taskKey}: ${task.status} in the workflow, ${completed} task.completed events`,
      );
    }
  }
  const closedEvents = events.filter((event) => event.type === 'case.closed').length;
  if (closedEvents !== (state.status === 'closed' ? 1 : 0))
    fail('eventLog', `${caseId}: ${state.status}, ${closedEvents} case.closed events`);
}
