import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HolidayCalendar } from '@schakel/calendar';
import type { Intensity, ReferenceModel } from '@schakel/reference-model/engine';
import { type ClockEvent, type TaskFact, type TaskTimes, taskFacts } from './task-fact';

/** The columns of `task_facts` with their types, as a batch of facts is read from JSON. */
const TASK_FACT_COLUMNS = {
  case_id: 'uuid',
  task_key: 'text',
  chain_id: 'text',
  model_version: 'integer',
  step_id: 'text',
  partner_id: 'text',
  status: 'text',
  iteration: 'integer',
  opened_at: 'timestamptz',
  claimed_at: 'timestamptz',
  closed_at: 'timestamptz',
  closed_day: 'date',
  waiting_ms: 'bigint',
  working_ms: 'bigint',
  handover_ms: 'bigint',
  suspended_ms: 'bigint',
  suspensions: 'integer',
  extensions: 'integer',
  norm_amount: 'numeric',
  norm_unit: 'text',
  elapsed_in_unit: 'numeric',
  within_norm: 'boolean',
} as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function taskFactRow(fact: TaskFact): Record<keyof typeof TASK_FACT_COLUMNS, unknown> {
  return {
    case_id: fact.caseId,
    task_key: fact.taskKey,
    chain_id: fact.chainId,
    model_version: fact.modelVersion,
    step_id: fact.stepId,
    partner_id: fact.partnerId,
    status: fact.status,
    iteration: fact.iteration,
    opened_at: iso(fact.openedAt),
    claimed_at: iso(fact.claimedAt),
    closed_at: iso(fact.closedAt),
    closed_day: fact.closedDay,
    waiting_ms: fact.waitingMs,
    working_ms: fact.workingMs,
    handover_ms: fact.handoverMs,
    suspended_ms: fact.suspendedMs,
    suspensions: fact.suspensions,
    extensions: fact.extensions,
    norm_amount: fact.normAmount,
    norm_unit: fact.normUnit,
    elapsed_in_unit: fact.elapsedInUnit,
    within_norm: fact.withinNorm,
  };
}

const FACT_COLUMN_LIST = Object.keys(TASK_FACT_COLUMNS).join(', ');
/** One statement for a whole batch, so the aggregate trigger runs once per batch. */
const INSERT_TASK_FACTS = `INSERT INTO task_facts (${FACT_COLUMN_LIST})
  SELECT ${FACT_COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS f(${Object.entries(
    TASK_FACT_COLUMNS,
  )
    .map(([column, type]) => `${column} ${type}`)
    .join(', ')})
  ON CONFLICT (case_id, task_key) DO NOTHING`;

interface TaskRow {
  case_id: string;
  task_key: string;
  /** The version the task ran under: a task moved by a migration runs under the later one. */
  model_version: number;
  step_id: string;
  partner_id: string;
  status: TaskTimes['status'];
  iteration: number;
  handed_over_by: string[];
  opened_at: Date;
  claimed_at: Date | null;
  closed_at: Date | null;
  due_at: Date | null;
  has_fact: boolean;
}

interface CaseRow {
  id: string;
  chain_id: string;
  model_version: number;
  intensity: Intensity;
  opened_at: Date;
}

interface ClockEventRow {
  case_id: string;
  task_key: string;
  type: ClockEvent['type'];
  occurred_at: Date;
  details: { reason?: string; waitingFor?: string; dueAt?: string };
}

function clockEventOf(row: ClockEventRow): ClockEvent {
  const base = { taskKey: row.task_key, at: row.occurred_at.getTime() };
  const reason = row.details.waitingFor ?? row.details.reason ?? '';
  switch (row.type) {
    case 'task.suspended':
      return { ...base, type: row.type, reason };
    case 'task.resumed':
      return { ...base, type: row.type };
    case 'task.extended':
      return { ...base, type: row.type, reason, dueAt: Date.parse(row.details.dueAt ?? '') };
  }
}

const ms = (date: Date | null) => (date === null ? null : date.getTime());

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/**
 * The KPI facts of cases: a task's row once it closed, the case's row once the case ended.
 * Idempotent — rows are keyed and only missing ones are computed — so recording a case again
 * writes nothing twice. The KPI rollup records the cases its queue names (kpi-rollup.repository.ts).
 */
@Injectable()
export class KpiFactRepository {
  /** Published model versions never change, so their documents are cached for good. */
  private readonly models = new Map<string, Promise<ReferenceModel>>();
  private readonly calendar = new HolidayCalendar();

  record(manager: EntityManager, caseId: string): Promise<number> {
    return this.recordCases(manager, [caseId]);
  }

  /** Writes the missing facts of these cases, in four statements whatever their number; returns the task facts written. */
  async recordCases(manager: EntityManager, caseIds: string[]): Promise<number> {
    if (caseIds.length === 0) return 0;
    const tasks: TaskRow[] = await manager.query(
      `SELECT t.case_id, t.task_key, t.model_version, t.step_id, t.partner_id, t.status, t.iteration,
              t.handed_over_by, t.opened_at, t.claimed_at, t.closed_at, t.due_at,
              (f.case_id IS NOT NULL) AS has_fact
       FROM tasks t LEFT JOIN task_facts f ON f.case_id = t.case_id AND f.task_key = t.task_key
       WHERE t.case_id = ANY($1)`,
      [caseIds],
    );
    const missing = tasks.filter((task) => task.status !== 'open' && !task.has_fact);
    let written = 0;
    if (missing.length > 0) written = await this.recordTasks(manager, tasks, missing);
    await manager.query(
      `INSERT INTO case_facts (case_id, chain_id, model_version, status, result, end_id, exit_reason,
         opened_at, closed_at, closed_day, lead_ms, tasks, handovers, returns, intensity, norm_within,
         norm_suspended_ms)
       SELECT c.id, c.chain_id, c.model_version, c.status, c.result, c.end_id, c.exit_reason, c.opened_at,
         c.closed_at, (c.closed_at AT TIME ZONE 'Europe/Amsterdam')::date,
         (extract(epoch FROM c.closed_at - c.opened_at) * 1000)::bigint,
         count(t.*), count(t.*) FILTER (WHERE cardinality(t.handed_over_by) > 0),
         count(t.*) FILTER (WHERE t.status = 'returned'), c.intensity, c.norm_within,
         c.norm_suspended_ms
       FROM cases c LEFT JOIN tasks t ON t.case_id = c.id
       WHERE c.id = ANY($1) AND c.status <> 'open' AND c.closed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM case_facts f WHERE f.case_id = c.id)
       GROUP BY c.id
       ON CONFLICT (case_id) DO NOTHING`,
      [caseIds],
    );
    return written;
  }

  private async recordTasks(
    manager: EntityManager,
    tasks: TaskRow[],
    missing: TaskRow[],
  ): Promise<number> {
    const caseIds = [...new Set(missing.map((task) => task.case_id))];
    const cases: CaseRow[] = await manager.query(
      `SELECT id, chain_id, model_version, intensity, opened_at FROM cases WHERE id = ANY($1)`,
      [caseIds],
    );
    const events: ClockEventRow[] = await manager.query(
      `SELECT case_id, task_key, type, occurred_at, details FROM case_events
       WHERE case_id = ANY($1) AND type IN ('task.suspended', 'task.resumed', 'task.extended')`,
      [caseIds],
    );
    const tasksOf = groupBy(tasks, (task) => task.case_id);
    const eventsOf = groupBy(events, (event) => event.case_id);
    const facts: TaskFact[] = [];
    for (const kase of cases) {
      const missingHere = missing.filter((task) => task.case_id === kase.id);
      const times = {
        caseId: kase.id,
        chainId: kase.chain_id,
        intensity: kase.intensity,
        openedAt: kase.opened_at.getTime(),
        tasks: (tasksOf.get(kase.id) ?? []).map((task) => ({
          taskKey: task.task_key,
          stepId: task.step_id,
          partnerId: task.partner_id,
          status: task.status,
          iteration: task.iteration,
          handedOverBy: task.handed_over_by,
          openedAt: task.opened_at.getTime(),
          claimedAt: ms(task.claimed_at),
          closedAt: ms(task.closed_at),
          dueAt: ms(task.due_at),
        })),
        clockEvents: (eventsOf.get(kase.id) ?? []).map(clockEventOf),
      };
      // Each task is judged by the norm of the version it ran under and counted under that version.
      for (const version of new Set(missingHere.map((task) => task.model_version))) {
        const model = await this.model(manager, kase.chain_id, version);
        const wanted = new Set(
          missingHere.filter((task) => task.model_version === version).map((task) => task.task_key),
        );
        const all = taskFacts({ ...times, modelVersion: version }, model, this.calendar);
        facts.push(...all.filter((fact) => wanted.has(fact.taskKey)));
      }
    }
    if (facts.length === 0) return 0;
    await manager.query(INSERT_TASK_FACTS, [JSON.stringify(facts.map(taskFactRow))]);
    return facts.length;
  }

  private model(manager: EntityManager, chainId: string, version: number): Promise<ReferenceModel> {
    const key = `${chainId}@${version}`;
    let model = this.models.get(key);
    if (!model) {
      model = manager
        .query(`SELECT document FROM model_versions WHERE chain_id = $1 AND version = $2`, [
          chainId,
          version,
        ])
        .then((rows: { document: ReferenceModel }[]) => rows[0].document);
      // A failed read must not stay cached.
      model.catch(() => this.models.delete(key));
      this.models.set(key, model);
    }
    return model;
  }
}
