import { createHash } from 'node:crypto';
import type { CaseClockChange, CaseProjection, TaskChange, TaskOpening } from '@schakel/contracts';
import { OUTBOX_CHANNEL, outboxInsert } from '../outbox/outbox-sql';

/** A parameterised statement, named by its text so each connection prepares each shape once. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

/** Task columns a change may set: its field, the column and the column's type. */
const CHANGE_COLUMNS: [keyof Omit<TaskChange, 'taskKey'>, string, string][] = [
  ['status', 'status', 'text'],
  ['assigneeId', 'assignee_id', 'uuid'],
  ['claimedAt', 'claimed_at', 'timestamptz'],
  ['closedAt', 'closed_at', 'timestamptz'],
  ['outcome', 'outcome', 'text'],
  ['partnerId', 'partner_id', 'text'],
  ['dueAt', 'due_at', 'timestamptz'],
  ['escalationAt', 'escalation_at', 'timestamptz'],
  ['suspendedSince', 'suspended_since', 'timestamptz'],
  ['suspendedMs', 'suspended_ms', 'bigint'],
  ['extended', 'extended', 'boolean'],
  ['warnedAt', 'warned_at', 'timestamptz'],
  ['overdueAt', 'overdue_at', 'timestamptz'],
  // A migration moves a task to a step of a later model version.
  ['stepId', 'step_id', 'text'],
  ['stepName', 'step_name', 'text'],
  ['modelVersion', 'model_version', 'integer'],
];

/** Case-norm clock columns (`norm_…`) a projection's `caseClock` may set, by its field. */
const CASE_CLOCK_COLUMNS: [keyof CaseClockChange, string][] = [
  ['enforced', 'norm_enforced'],
  ['withinNorm', 'norm_within'],
  ['dueAt', 'norm_due_at'],
  ['escalationAt', 'norm_escalation_at'],
  ['suspendedSince', 'norm_suspended_since'],
  ['suspendedMs', 'norm_suspended_ms'],
  ['extended', 'norm_extended'],
  ['warnedAt', 'norm_warned_at'],
  ['overdueAt', 'norm_overdue_at'],
];

/** The case-norm clock columns a projection sets, each with its parameter. */
function caseClockColumns(q: StatementBuilder, clock: CaseClockChange | undefined): string[][] {
  return CASE_CLOCK_COLUMNS.filter(([field]) => clock?.[field] !== undefined).map(
    ([field, column]) => [column, q.param(clock?.[field])],
  );
}

const EVENT_COLUMNS = `event_id text, type text, task_key text, step_id text, partner_id text,
  actor_id uuid, actor_role text, actor_organisation text, occurred_at timestamptz, details jsonb`;

const TASK_COLUMNS = `task_key text, step_id text, step_name text, partner_id text, iteration integer,
  handed_over_by text[], opened_at timestamptz, due_at timestamptz, escalation_at timestamptz,
  status text, assignee_id uuid, claimed_at timestamptz, closed_at timestamptz, outcome text,
  suspended_since timestamptz, suspended_ms bigint, extended boolean, warned_at timestamptz,
  overdue_at timestamptz`;

const ESCALATION_COLUMNS = `id text, task_key text, step_id text, partner_id text, trigger text,
  level integer, level_name text, owner text, status text, raised_at timestamptz,
  level_since timestamptz, level_due_at timestamptz, resolved_at timestamptz, resolved_by uuid,
  resolution text`;

/** The case columns a transition sets, in the order of {@link caseState}. */
const CASE_STATE = 'status, data, current_partners, end_id, result, exit_reason';

function caseState(q: StatementBuilder, change: CaseProjection['caseChange']): string {
  const status = change?.status ?? 'open';
  return [
    q.param(status),
    q.json(change?.data ?? {}),
    `${q.param(change?.currentPartners ?? [])}::text[]`,
    q.param(change?.end?.endId ?? null),
    q.param(change?.end?.result ?? (status === 'cancelled' ? 'closed' : null)),
    q.param(change?.end?.exitReason ?? null),
  ].join(', ');
}

/** Collects the CTEs of one statement and numbers their parameters ($1 is the case id). */
class StatementBuilder {
  readonly values: unknown[];
  private readonly parts: string[] = [];

  constructor(caseId: string) {
    this.values = [caseId];
  }

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  json(value: unknown): string {
    return `${this.param(JSON.stringify(value))}::jsonb`;
  }

  with(name: string, sql: string): void {
    this.parts.push(`${name} AS (${sql})`);
  }

  build(final: string): Statement {
    const text = `${this.parts.length ? `WITH ${this.parts.join(',\n')}\n` : ''}${final}`;
    const name = `projection-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    return { name, text, values: this.values };
  }
}

/** Changes of one task merged in order (the machine merges already; scripted tests may not). */
function mergeChanges(changes: TaskChange[]): Map<string, TaskChange> {
  const merged = new Map<string, TaskChange>();
  for (const change of changes) {
    merged.set(change.taskKey, { ...merged.get(change.taskKey), ...change });
  }
  return merged;
}

/** A task row as first written, with any change the same transition made to it folded in. */
function openingRow(task: TaskOpening, change: TaskChange | undefined) {
  const row: Record<string, unknown> = {
    task_key: task.taskKey,
    step_id: task.stepId,
    step_name: task.stepName,
    partner_id: task.partnerId,
    iteration: task.iteration,
    handed_over_by: task.handedOverBy,
    opened_at: task.openedAt,
    due_at: task.dueAt,
    escalation_at: task.escalationAt,
  };
  for (const [field, column] of CHANGE_COLUMNS) {
    if (change?.[field] !== undefined) row[column] = change[field];
  }
  return row;
}

const changesSomething = (change: TaskChange) =>
  CHANGE_COLUMNS.some(([field]) => change[field] !== undefined);

/**
 * One transition as ONE statement (data-modifying CTEs, atomic by itself): the case row, events,
 * task rows, participants, escalations, the outbox with its NOTIFY, and the KPI fact queue — one
 * round trip instead of one per row. The CTEs share a snapshot, so a change to a task opened in
 * the same transition is folded into its insert as well: the update only sees rows that existed.
 */
export function projectionStatement(projection: CaseProjection): Statement {
  const { caseId, chainId, modelVersion, opening, caseChange } = projection;
  const q = new StatementBuilder(caseId);
  const changes = mergeChanges(projection.changed);

  if (opening) {
    // The case row exists only once its workflow durably decided the intake; the intake's own
    // case change and case-norm clock are its initial state.
    const clock = caseClockColumns(q, projection.caseClock);
    q.with(
      'new_case',
      `INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question,
         client_reference, opened_by, opened_by_organisation, idempotency_key, opened_at, closed_at,
         ${CASE_STATE}${clock.map(([column]) => `, ${column}`).join('')})
       VALUES ($1, ${q.param(chainId)}, ${q.param(modelVersion)}, ${q.param(opening.category)},
         ${q.param(opening.intensity)}, ${q.param(opening.clientQuestion)},
         ${q.param(opening.clientReference)}, ${q.param(opening.openedBy.userId)},
         ${q.param(opening.openedBy.organisationId)}, ${q.param(opening.idempotencyKey)},
         ${q.param(opening.openedAt)}, ${q.param(caseChange?.closedAt ?? null)},
         ${caseState(q, caseChange)}${clock.map(([, value]) => `, ${value}`).join('')})
       ON CONFLICT (id) DO NOTHING`,
    );
  }
  if (projection.events.length) {
    const rows = projection.events.map((event) => ({
      event_id: event.eventId,
      type: event.type,
      task_key: event.taskKey ?? null,
      step_id: event.stepId ?? null,
      partner_id: event.partnerId ?? null,
      actor_id: event.actor?.userId ?? null,
      actor_role: event.actor?.role ?? null,
      actor_organisation: event.actor?.organisationId ?? null,
      occurred_at: event.occurredAt,
      details: event.details,
    }));
    q.with(
      'new_events',
      `INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, actor_id,
         actor_role, actor_organisation, occurred_at, details)
       SELECT e.event_id, $1, e.type, e.task_key, e.step_id, e.partner_id, e.actor_id, e.actor_role,
         e.actor_organisation, e.occurred_at, e.details
       FROM jsonb_to_recordset(${q.json(rows)}) AS e(${EVENT_COLUMNS})
       ON CONFLICT (event_id) DO NOTHING`,
    );
  }
  if (projection.opened.length) {
    const rows = projection.opened.map((task) => openingRow(task, changes.get(task.taskKey)));
    q.with(
      'new_tasks',
      `INSERT INTO tasks (case_id, task_key, chain_id, model_version, step_id, step_name, partner_id,
         status, iteration, handed_over_by, opened_at, due_at, escalation_at, assignee_id, claimed_at,
         closed_at, outcome, suspended_since, suspended_ms, extended, warned_at, overdue_at)
       SELECT $1, t.task_key, ${q.param(chainId)}, ${q.param(modelVersion)}, t.step_id, t.step_name,
         t.partner_id, COALESCE(t.status, 'open'), t.iteration, t.handed_over_by, t.opened_at,
         t.due_at, t.escalation_at, t.assignee_id, t.claimed_at, t.closed_at, t.outcome,
         t.suspended_since, COALESCE(t.suspended_ms, 0), COALESCE(t.extended, false), t.warned_at,
         t.overdue_at
       FROM jsonb_to_recordset(${q.json(rows)}) AS t(${TASK_COLUMNS})
       ON CONFLICT (case_id, task_key) DO NOTHING`,
    );
  }
  // Every change updates rows that existed before this statement — a task the resync re-opens
  // included (its insert conflicts); a task new in this statement got its change with its insert.
  const updates = [...changes.values()].filter(changesSomething);
  if (updates.length) {
    // A field absent from a change leaves its column as it is; present and null clears it.
    const assignments = CHANGE_COLUMNS.map(
      ([field, column, type]) =>
        `${column} = CASE WHEN c.doc ? '${field}' THEN (c.doc->>'${field}')::${type} ELSE t.${column} END`,
    );
    q.with(
      'changed_tasks',
      `UPDATE tasks t SET ${assignments.join(', ')}
       FROM jsonb_array_elements(${q.json(updates)}) AS c(doc)
       WHERE t.case_id = $1 AND t.task_key = c.doc->>'taskKey'`,
    );
  }
  // Organisations that hold or held a task become involved in the case (need-to-know): the
  // intake's organisation, every opened task's partner, and a partner a task is reassigned to.
  const participants = [
    ...(opening?.openedBy.organisationId
      ? [{ organisation_id: opening.openedBy.organisationId, since: opening.openedAt }]
      : []),
    ...projection.opened.map((task) => ({ organisation_id: task.partnerId, since: task.openedAt })),
    ...[...changes.values()]
      .filter((change) => change.partnerId !== undefined)
      .map((change) => ({ organisation_id: change.partnerId, since: null })),
  ];
  if (participants.length) {
    q.with(
      'new_participants',
      `INSERT INTO case_participants (case_id, organisation_id, since)
       SELECT $1, p.organisation_id, COALESCE(p.since, now())
       FROM jsonb_to_recordset(${q.json(participants)}) AS p(organisation_id text, since timestamptz)
       ON CONFLICT DO NOTHING`,
    );
  }
  if (projection.escalations?.length) {
    const rows = projection.escalations.map((escalation) => ({
      id: escalation.id,
      task_key: escalation.taskKey ?? null,
      step_id: escalation.stepId ?? null,
      partner_id: escalation.partnerId ?? null,
      trigger: escalation.trigger,
      level: escalation.level,
      level_name: escalation.levelName,
      owner: escalation.owner,
      status: escalation.status,
      raised_at: escalation.raisedAt,
      level_since: escalation.levelSince,
      level_due_at: escalation.levelDueAt,
      resolved_at: escalation.resolvedAt ?? null,
      resolved_by: escalation.resolvedBy ?? null,
      resolution: escalation.resolution ?? null,
    }));
    q.with(
      'escalation_rows',
      `INSERT INTO escalations (id, case_id, chain_id, model_version, task_key, step_id, partner_id,
         trigger, level, level_name, owner, status, raised_at, level_since, level_due_at, resolved_at,
         resolved_by, resolution)
       SELECT x.id, $1, ${q.param(chainId)}, ${q.param(modelVersion)}, x.task_key, x.step_id,
         x.partner_id, x.trigger, x.level, x.level_name, x.owner, x.status, x.raised_at, x.level_since,
         x.level_due_at, x.resolved_at, x.resolved_by, x.resolution
       FROM jsonb_to_recordset(${q.json(rows)}) AS x(${ESCALATION_COLUMNS})
       ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, level_name = EXCLUDED.level_name,
         owner = EXCLUDED.owner, status = EXCLUDED.status, level_since = EXCLUDED.level_since,
         step_id = EXCLUDED.step_id, partner_id = EXCLUDED.partner_id,
         level_due_at = EXCLUDED.level_due_at, resolved_at = EXCLUDED.resolved_at,
         resolved_by = EXCLUDED.resolved_by, resolution = EXCLUDED.resolution`,
    );
  }
  // One update of the case row (a row may be modified once per statement): its state and version
  // (a migration moves the case to a later one) and its case-norm clock.
  const clock = opening ? [] : caseClockColumns(q, projection.caseClock);
  if ((caseChange && !opening) || clock.length) {
    const assignments = clock.map(([column, value]) => `${column} = ${value}`);
    if (caseChange && !opening)
      assignments.unshift(
        `(${CASE_STATE}) = (${caseState(q, caseChange)})`,
        `closed_at = COALESCE(${q.param(caseChange.closedAt ?? null)}::timestamptz, closed_at)`,
        `model_version = ${q.param(modelVersion)}`,
        'updated_at = now()',
      );
    q.with('case_row', `UPDATE cases SET ${assignments.join(', ')} WHERE id = $1`);
  }
  if (caseChange) {
    // Facts are recorded by the KPI rollup, off this path (kpi-rollup.repository.ts).
    q.with('kpi_queue', `INSERT INTO kpi_fact_queue (case_id) VALUES ($1)`);
  }
  // Absent in projections of cases from before the outbox (legacy-local-projection.ts).
  const notifications = projection.notifications ?? [];
  if (notifications.length) {
    q.with('outbox_rows', `${outboxInsert(q.json(notifications))} RETURNING 1`);
    return q.build(
      `SELECT pg_notify(${q.param(OUTBOX_CHANNEL)}, '') FROM (SELECT 1 FROM outbox_rows LIMIT 1) o`,
    );
  }
  return q.build('SELECT 1');
}
