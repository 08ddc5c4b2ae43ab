import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which facts a KPI covers: Amsterdam days `from`..`to` inclusive, optionally narrowed. */
export interface KpiFilter {
  from: string;
  to: string;
  chainId?: string;
  modelVersion?: number;
  partnerId?: string;
  stepId?: string;
}

export type KpiInterval = 'day' | 'week';

/** Collects conditions and their positional parameters for one query. */
class Conditions {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  add(sql: (placeholder: string) => string, value: unknown): this {
    if (value === undefined) return this;
    this.params.push(value);
    this.clauses.push(sql(`$${this.params.length}`));
    return this;
  }

  /** The period on a date column, plus chain and model version. */
  static period(filter: KpiFilter, day: string, alias: string, params: unknown[] = []): Conditions {
    return new Conditions(params)
      .add((p) => `${day} >= ${p}::date`, filter.from)
      .add((p) => `${day} <= ${p}::date`, filter.to)
      .add((p) => `${alias}.chain_id = ${p}`, filter.chainId)
      .add((p) => `${alias}.model_version = ${p}`, filter.modelVersion);
  }

  /** Also partner and step. */
  static scoped(filter: KpiFilter, day: string, alias: string, params: unknown[] = []): Conditions {
    return Conditions.period(filter, day, alias, params)
      .add((p) => `${alias}.partner_id = ${p}`, filter.partnerId)
      .add((p) => `${alias}.step_id = ${p}`, filter.stepId);
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** A percentile of a duration column, rounded to whole milliseconds, as `<name>_<label>_ms`. */
const percentile =
  (fraction: number, label: string) =>
  (column: string, name: string, filter = '') =>
    `round(percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${column}) ${filter})::bigint AS ${name}_${label}_ms`;
const median = percentile(0.5, 'median');
const p90 = percentile(0.9, 'p90');
const percentiles = (column: string, name: string, filter = '') =>
  `${median(column, name, filter)}, ${p90(column, name, filter)}`;

export interface ThroughputRow {
  period: string;
  opened: number;
  closed: number;
  handovers: number;
}

export interface StepGroup {
  chain_id: string;
  step_id: string;
  partner_id: string;
  cases: number;
}

export interface WorkInProgressRow extends StepGroup {
  open: number;
  unclaimed: number;
  suspended: number;
  over_norm: number;
  age_median_ms: number;
  age_max_ms: number;
  aged_over_7_days: number;
  aged_over_28_days: number;
}

export interface StepLeadTimeRow extends StepGroup {
  tasks: number;
  working_median_ms: number | null;
  working_p90_ms: number | null;
  waiting_median_ms: number | null;
  waiting_p90_ms: number | null;
  handover_median_ms: number | null;
  handover_p90_ms: number | null;
}

export interface CaseLeadTimeRow {
  chain_id: string;
  cases: number;
  lead_median_ms: number;
  lead_p90_ms: number;
  handovers_per_case: number;
  returns_per_case: number;
}

export interface WithinNormRow extends StepGroup {
  norm_amount: number;
  norm_unit: string;
  measured: number;
  within: number;
  elapsed_median: number;
}

export interface StepReworkRow extends StepGroup {
  tasks: number;
  returned: number;
}

export interface CaseReworkRow {
  chain_id: string;
  cases: number;
  with_return: number;
  returns: number;
}

export interface DropOutRow {
  chain_id: string;
  exit_reason: string;
  cases: number;
  closed: number;
}

export interface EscalationRow {
  chain_id: string;
  level: number;
  trigger: string;
  cases: number;
  raised: number;
  resolved: number;
  resolve_median_ms: number | null;
  resolve_p90_ms: number | null;
}

export interface ClockChangeRow extends StepGroup {
  tasks: number;
  suspended_tasks: number;
  suspensions: number;
  suspended_median_ms: number | null;
  extended_tasks: number;
  extensions: number;
}

export interface ScorecardRow extends StepGroup {
  tasks: number;
  completed: number;
  returned: number;
  working_median_ms: number | null;
  working_p90_ms: number | null;
  waiting_median_ms: number | null;
  handover_median_ms: number | null;
  norm_amount: number | null;
  norm_unit: string | null;
  measured: number;
  within: number;
  suspended_tasks: number;
  extended_tasks: number;
  escalations: number;
}

export interface MetricsSnapshot {
  handovers: { chain_id: string; count: number }[];
  escalations: { chain_id: string; level: string; count: number }[];
  stepDurations: {
    chain_id: string;
    step_id: string;
    buckets: number[];
    count: number;
    sum_ms: number;
  }[];
}

/** SQL returns bigint and numeric as strings; these figures all fit a double. */
function numeric<T>(rows: Record<string, unknown>[], text: string[] = []): T[] {
  return rows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'string' && !text.includes(key) && /^-?\d+(\.\d+)?$/.test(value)
            ? Number(value)
            : value,
        ]),
      ) as T,
  );
}

const GROUP_TEXT = [
  'chain_id',
  'step_id',
  'partner_id',
  'norm_unit',
  'exit_reason',
  'trigger',
  'period',
  'level_text',
];

/**
 * The KPI read side: aggregates over task and case facts, the daily event counts, open tasks and
 * escalations. Every query is bounded by a period and served by an index on (chain, day).
 */
@Injectable()
export class KpiQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return numeric<T>(await this.dataSource.query(sql, params), GROUP_TEXT);
  }

  /** Cases opened and closed and handovers made, per day or ISO week; empty periods included. */
  throughput(filter: KpiFilter, interval: KpiInterval): Promise<ThroughputRow[]> {
    const where = Conditions.period(filter, 'd.day', 'd');
    const handover = new Conditions(where.params)
      .add((p) => `d.partner_id = ${p}`, filter.partnerId)
      .add((p) => `d.step_id = ${p}`, filter.stepId);
    const handoverScope = ["d.type = 'task.opened'", "d.detail = 'handover'", ...handover.clauses];
    where.params.push(interval);
    const unit = `$${where.params.length}`;
    return this.rows<ThroughputRow>(
      `WITH counts AS (
         SELECT date_trunc(${unit}, d.day::timestamp)::date AS period,
           sum(d.events) FILTER (WHERE d.type = 'case.opened') AS opened,
           sum(d.events) FILTER (WHERE d.type IN ('case.closed', 'case.cancelled')) AS closed,
           sum(d.events) FILTER (WHERE ${handoverScope.join(' AND ')}) AS handovers
         FROM kpi_event_daily d ${where.where}
         GROUP BY 1)
       SELECT to_char(s.period, 'YYYY-MM-DD') AS period, COALESCE(c.opened, 0) AS opened,
         COALESCE(c.closed, 0) AS closed, COALESCE(c.handovers, 0) AS handovers
       FROM generate_series(date_trunc(${unit}, $1::date::timestamp), $2::date::timestamp, ('1 ' || ${unit})::interval) AS s(period)
       LEFT JOIN counts c ON c.period = s.period::date
       ORDER BY s.period`,
      where.params,
    );
  }

  /** Open tasks per step right now: how many, claimed or not, suspended, past their due date, how old. */
  workInProgress(filter: Omit<KpiFilter, 'from' | 'to'>, now: Date): Promise<WorkInProgressRow[]> {
    const where = new Conditions([now])
      .add((p) => `t.chain_id = ${p}`, filter.chainId)
      .add((p) => `t.model_version = ${p}`, filter.modelVersion)
      .add((p) => `t.partner_id = ${p}`, filter.partnerId)
      .add((p) => `t.step_id = ${p}`, filter.stepId);
    const age = `extract(epoch FROM $1::timestamptz - t.opened_at) * 1000`;
    return this.rows<WorkInProgressRow>(
      `SELECT t.chain_id, t.step_id, t.partner_id, count(DISTINCT t.case_id) AS cases, count(*) AS open,
         count(*) FILTER (WHERE t.claimed_at IS NULL) AS unclaimed,
         count(*) FILTER (WHERE t.suspended_since IS NOT NULL) AS suspended,
         count(*) FILTER (WHERE t.due_at < $1) AS over_norm,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${age}))::bigint AS age_median_ms,
         round(max(${age}))::bigint AS age_max_ms,
         count(*) FILTER (WHERE t.opened_at < $1::timestamptz - interval '7 days') AS aged_over_7_days,
         count(*) FILTER (WHERE t.opened_at < $1::timestamptz - interval '28 days') AS aged_over_28_days
       FROM tasks t WHERE t.status = 'open' ${where.clauses.map((c) => `AND ${c}`).join(' ')}
       GROUP BY t.chain_id, t.step_id, t.partner_id
       ORDER BY t.chain_id, t.step_id, t.partner_id`,
      where.params,
    );
  }

  /** Per step and partner: working time (lead time), waiting time and handover latency of completed tasks. */
  stepLeadTimes(filter: KpiFilter): Promise<StepLeadTimeRow[]> {
    const where = Conditions.scoped(filter, 'f.closed_day', 'f');
    return this.rows<StepLeadTimeRow>(
      `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
         ${percentiles('f.working_ms', 'working')}, ${percentiles('f.waiting_ms', 'waiting')},
         ${percentiles('f.handover_ms', 'handover')}
       FROM task_facts f ${where.where} ${where.clauses.length ? 'AND' : 'WHERE'} f.status = 'completed'
       GROUP BY f.chain_id, f.step_id, f.partner_id
       ORDER BY f.chain_id, f.step_id, f.partner_id`,
      where.params,
    );
  }

  /** Per chain: end-to-end lead time of cases closed in the period, handovers and returns per case. */
  caseLeadTimes(filter: KpiFilter): Promise<CaseLeadTimeRow[]> {
    const where = Conditions.period(filter, 'f.closed_day', 'f');
    return this.rows<CaseLeadTimeRow>(
      `SELECT f.chain_id, count(*) AS cases, ${percentiles('f.lead_ms', 'lead')},
         round(avg(f.handovers), 2) AS handovers_per_case, round(avg(f.returns), 2) AS returns_per_case
       FROM case_facts f ${where.where}
       GROUP BY f.chain_id ORDER BY f.chain_id`,
      where.params,
    );
  }

  /** Completed tasks measured against their target norm, per step, partner and norm in force. */
  withinNorm(filter: KpiFilter): Promise<WithinNormRow[]> {
    const where = Conditions.scoped(filter, 'f.closed_day', 'f');
    return this.rows<WithinNormRow>(
      `SELECT f.chain_id, f.step_id, f.partner_id, f.norm_amount, f.norm_unit,
         count(DISTINCT f.case_id) AS cases, count(*) AS measured,
         count(*) FILTER (WHERE f.within_norm) AS within,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY f.elapsed_in_unit) AS elapsed_median
       FROM task_facts f ${where.where} ${where.clauses.length ? 'AND' : 'WHERE'} f.within_norm IS NOT NULL
       GROUP BY f.chain_id, f.step_id, f.partner_id, f.norm_amount, f.norm_unit
       ORDER BY f.chain_id, f.step_id, f.partner_id, f.norm_amount`,
      where.params,
    );
  }

  /** Per receiving step: handovers closed in the period and how many were returned. */
  stepRework(filter: KpiFilter): Promise<StepReworkRow[]> {
    const where = Conditions.scoped(filter, 'f.closed_day', 'f');
    return this.rows<StepReworkRow>(
      `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
         count(*) FILTER (WHERE f.status = 'returned') AS returned
       FROM task_facts f ${where.where}
       GROUP BY f.chain_id, f.step_id, f.partner_id
       ORDER BY f.chain_id, f.step_id, f.partner_id`,
      where.params,
    );
  }

  caseRework(filter: KpiFilter): Promise<CaseReworkRow[]> {
    const where = Conditions.period(filter, 'f.closed_day', 'f');
    return this.rows<CaseReworkRow>(
      `SELECT f.chain_id, count(*) AS cases, count(*) FILTER (WHERE f.returns > 0) AS with_return,
         COALESCE(sum(f.returns), 0) AS returns
       FROM case_facts f ${where.where}
       GROUP BY f.chain_id ORDER BY f.chain_id`,
      where.params,
    );
  }

  /** Cases that dropped out in the period, per exit reason, with the chain's closed cases as denominator. */
  dropOut(filter: KpiFilter): Promise<DropOutRow[]> {
    const where = Conditions.period(filter, 'f.closed_day', 'f');
    return this.rows<DropOutRow>(
      `SELECT chain_id, exit_reason, cases, closed FROM (
         SELECT f.chain_id, COALESCE(f.exit_reason, 'unknown') AS exit_reason,
           count(*) FILTER (WHERE f.result = 'droppedOut') AS cases,
           sum(count(*)) OVER (PARTITION BY f.chain_id) AS closed
         FROM case_facts f ${where.where}
         GROUP BY f.chain_id, COALESCE(f.exit_reason, 'unknown')) g
       WHERE cases > 0 ORDER BY chain_id, cases DESC, exit_reason`,
      where.params,
    );
  }

  /** Escalations raised in the period by the level they reached and their trigger; time to resolve. */
  escalations(filter: KpiFilter): Promise<EscalationRow[]> {
    const where = Conditions.scoped(
      filter,
      "(e.raised_at AT TIME ZONE 'Europe/Amsterdam')::date",
      'e',
    );
    const resolve = 'extract(epoch FROM e.resolved_at - e.raised_at) * 1000';
    return this.rows<EscalationRow>(
      `SELECT e.chain_id, e.level, e.trigger, count(DISTINCT e.case_id) AS cases, count(*) AS raised,
         count(*) FILTER (WHERE e.status = 'resolved') AS resolved,
         ${percentiles(resolve, 'resolve', "FILTER (WHERE e.status = 'resolved')")}
       FROM escalations e ${where.where}
       GROUP BY e.chain_id, e.level, e.trigger ORDER BY e.chain_id, e.level, e.trigger`,
      where.params,
    );
  }

  /** Suspensions and extensions of tasks closed in the period. */
  clockChanges(filter: KpiFilter): Promise<ClockChangeRow[]> {
    const where = Conditions.scoped(filter, 'f.closed_day', 'f');
    return this.rows<ClockChangeRow>(
      `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
         count(*) FILTER (WHERE f.suspensions > 0) AS suspended_tasks, sum(f.suspensions) AS suspensions,
         ${median('f.suspended_ms', 'suspended', 'FILTER (WHERE f.suspensions > 0)')},
         count(*) FILTER (WHERE f.extensions > 0) AS extended_tasks, sum(f.extensions) AS extensions
       FROM task_facts f ${where.where}
       GROUP BY f.chain_id, f.step_id, f.partner_id
       ORDER BY f.chain_id, f.step_id, f.partner_id`,
      where.params,
    );
  }

  /** One partner's figures per step it held in the period, with the escalations raised on them. */
  scorecard(partnerId: string, filter: KpiFilter): Promise<ScorecardRow[]> {
    const where = Conditions.scoped({ ...filter, partnerId }, 'f.closed_day', 'f');
    // Shares the parameter list, so both parts of the query number their placeholders alike.
    const escalations = Conditions.scoped(
      { ...filter, partnerId },
      "(e.raised_at AT TIME ZONE 'Europe/Amsterdam')::date",
      'e',
      where.params,
    );
    return this.rows<ScorecardRow>(
      `WITH facts AS (
         SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
           count(*) FILTER (WHERE f.status = 'completed') AS completed,
           count(*) FILTER (WHERE f.status = 'returned') AS returned,
           ${percentiles('f.working_ms', 'working', "FILTER (WHERE f.status = 'completed')")},
           ${median('f.waiting_ms', 'waiting', "FILTER (WHERE f.status = 'completed')")},
           ${median('f.handover_ms', 'handover', "FILTER (WHERE f.status = 'completed')")},
           max(f.norm_amount) AS norm_amount, max(f.norm_unit) AS norm_unit,
           count(*) FILTER (WHERE f.within_norm IS NOT NULL) AS measured,
           count(*) FILTER (WHERE f.within_norm) AS within,
           count(*) FILTER (WHERE f.suspensions > 0) AS suspended_tasks,
           count(*) FILTER (WHERE f.extensions > 0) AS extended_tasks
         FROM task_facts f ${where.where}
         GROUP BY f.chain_id, f.step_id, f.partner_id),
       raised AS (
         SELECT e.chain_id, e.step_id, count(*) AS escalations FROM escalations e
         ${escalations.where} GROUP BY e.chain_id, e.step_id)
       SELECT facts.*, COALESCE(raised.escalations, 0) AS escalations
       FROM facts LEFT JOIN raised ON raised.chain_id = facts.chain_id AND raised.step_id = facts.step_id
       ORDER BY facts.chain_id, facts.step_id`,
      where.params,
    );
  }

  /**
   * Totals for Prometheus, derived from the record at scrape time: handovers and escalation
   * steps from the daily counts, and a histogram of completed tasks' working time per step.
   */
  async metrics(bucketsMs: readonly number[]): Promise<MetricsSnapshot> {
    const [handovers, escalations, durations] = await Promise.all([
      this.rows<{ chain_id: string; count: number }>(
        `SELECT chain_id, sum(events) AS count FROM kpi_event_daily
         WHERE type = 'task.opened' AND detail = 'handover' GROUP BY chain_id ORDER BY chain_id`,
        [],
      ),
      this.rows<{ chain_id: string; level_text: string; count: number }>(
        `SELECT chain_id, detail AS level_text, sum(events) AS count FROM kpi_event_daily
         WHERE type IN ('escalation.raised', 'escalation.level-up') GROUP BY chain_id, detail ORDER BY 1, 2`,
        [],
      ),
      this.rows<Record<string, number | string>>(
        `SELECT chain_id, step_id, count(*) AS count, COALESCE(sum(working_ms), 0) AS sum_ms,
           ${bucketsMs.map((le, i) => `count(*) FILTER (WHERE working_ms <= ${Number(le)}) AS b${i}`).join(', ')}
         FROM task_facts WHERE status = 'completed' AND working_ms IS NOT NULL
         GROUP BY chain_id, step_id ORDER BY 1, 2`,
        [],
      ),
    ]);
    return {
      handovers,
      escalations: escalations.map((row) => ({
        chain_id: row.chain_id,
        level: row.level_text,
        count: row.count,
      })),
      stepDurations: durations.map((row) => ({
        chain_id: String(row.chain_id),
        step_id: String(row.step_id),
        count: Number(row.count),
        sum_ms: Number(row.sum_ms),
        buckets: bucketsMs.map((_, i) => Number(row[`b${i}`])),
      })),
    };
  }
}
