import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HolidayCalendar } from '@schakel/calendar';
import type { Intensity, ReferenceModel } from '@schakel/reference-model/engine';
import { type ClockEvent, type TaskFact, type TaskTimes, taskFacts } from './task-fact';

/** Column order of {@link taskFactRow}, shared with the bulk loader of the benchmark script. */
export const TASK_FACT_COLUMNS = [
  'case_id',
  'task_key',
  'chain_id',
  'model_version',
  'step_id',
  'partner_id',
  'status',
  'iteration',
  'opened_at',
  'claimed_at',
  'closed_at',
  'closed_day',
  'waiting_ms',
  'working_ms',
  'handover_ms',
  'suspended_ms',
  'suspensions',
  'extensions',
  'norm_amount',
  'norm_unit',
  'elapsed_in_unit',
  'within_norm',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function taskFactRow(fact: TaskFact): unknown[] {
  return [
    fact.caseId,
    fact.taskKey,
    fact.chainId,
    fact.modelVersion,
    fact.stepId,
    fact.partnerId,
    fact.status,
    fact.iteration,
    iso(fact.openedAt),
    iso(fact.claimedAt),
    iso(fact.closedAt),
    fact.closedDay,
    fact.waitingMs,
    fact.workingMs,
    fact.handoverMs,
    fact.suspendedMs,
    fact.suspensions,
    fact.extensions,
    fact.normAmount,
    fact.normUnit,
    fact.elapsedInUnit,
    fact.withinNorm,
  ];
}

const INSERT_TASK_FACT = `INSERT INTO task_facts (${TASK_FACT_COLUMNS.join(', ')})
  VALUES (${TASK_FACT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (case_id, task_key) DO NOTHING`;

interface TaskRow {
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
  chain_id: string;
  model_version: number;
  intensity: Intensity;
  status: string;
  opened_at: Date;
  closed_at: Date | null;
  has_fact: boolean;
}

interface ClockEventRow {
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

/**
 * The KPI facts of a case, written inside the projection's transaction: a task's row when it
 * closes, the case's row when the case ends. Idempotent — rows are keyed and only missing ones
 * are computed — so a retried projection writes nothing twice.
 */
@Injectable()
export class KpiFactRepository {
  /** Published model versions never change, so their documents are cached for good. */
  private readonly models = new Map<string, Promise<ReferenceModel>>();
  private readonly calendar = new HolidayCalendar();

  async record(manager: EntityManager, caseId: string): Promise<void> {
    const tasks: TaskRow[] = await manager.query(
      `SELECT t.task_key, t.model_version, t.step_id, t.partner_id, t.status, t.iteration, t.handed_over_by,
              t.opened_at, t.claimed_at, t.closed_at, t.due_at, (f.case_id IS NOT NULL) AS has_fact
       FROM tasks t LEFT JOIN task_facts f ON f.case_id = t.case_id AND f.task_key = t.task_key
       WHERE t.case_id = $1`,
      [caseId],
    );
    const [kase]: CaseRow[] = await manager.query(
      `SELECT c.chain_id, c.model_version, c.intensity, c.status, c.opened_at, c.closed_at,
              EXISTS (SELECT 1 FROM case_facts f WHERE f.case_id = c.id) AS has_fact
       FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    if (!kase) return;
    const missing = tasks.filter((task) => task.status !== 'open' && !task.has_fact);
    if (missing.length > 0) await this.recordTasks(manager, caseId, kase, tasks, missing);
    if (kase.status !== 'open' && kase.closed_at && !kase.has_fact) {
      await manager.query(
        `INSERT INTO case_facts (case_id, chain_id, model_version, status, result, end_id, exit_reason,
           opened_at, closed_at, closed_day, lead_ms, tasks, handovers, returns, intensity,
           norm_within, norm_suspended_ms)
         SELECT c.id, c.chain_id, c.model_version, c.status, c.result, c.end_id, c.exit_reason, c.opened_at,
           c.closed_at, (c.closed_at AT TIME ZONE 'Europe/Amsterdam')::date,
           (extract(epoch FROM c.closed_at - c.opened_at) * 1000)::bigint,
           count(t.*), count(t.*) FILTER (WHERE cardinality(t.handed_over_by) > 0),
           count(t.*) FILTER (WHERE t.status = 'returned'), c.intensity, c.norm_within,
           c.norm_suspended_ms
         FROM cases c LEFT JOIN tasks t ON t.case_id = c.id
         WHERE c.id = $1 GROUP BY c.id
         ON CONFLICT (case_id) DO NOTHING`,
        [caseId],
      );
    }
  }

  private async recordTasks(
    manager: EntityManager,
    caseId: string,
    kase: CaseRow,
    tasks: TaskRow[],
    missing: TaskRow[],
  ): Promise<void> {
    const events: ClockEventRow[] = await manager.query(
      `SELECT task_key, type, occurred_at, details FROM case_events
         WHERE case_id = $1 AND task_key = ANY($2) AND type IN ('task.suspended', 'task.resumed', 'task.extended')`,
      [caseId, missing.map((task) => task.task_key)],
    );
    const times = {
      caseId,
      chainId: kase.chain_id,
      intensity: kase.intensity,
      openedAt: kase.opened_at.getTime(),
      tasks: tasks.map((task) => ({
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
      clockEvents: events.map(clockEventOf),
    };
    // Each task is judged by the norm of the version it ran under and counted under that version.
    for (const version of new Set(missing.map((task) => task.model_version))) {
      const model = await this.model(manager, kase.chain_id, version);
      const facts = taskFacts({ ...times, modelVersion: version }, model, this.calendar);
      const wanted = new Set(
        missing.filter((task) => task.model_version === version).map((task) => task.task_key),
      );
      for (const fact of facts.filter((fact) => wanted.has(fact.taskKey))) {
        await manager.query(INSERT_TASK_FACT, taskFactRow(fact));
      }
    }
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
