import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which facts a KPI covers: Amsterdam days `from`..`to` inclusive, optionally narrowed. */
export interface KpiFilter {
  from: string;
  to: string;
  chainId?: string;
  /** The chains the caller may see (absent: every chain). */
  chainIds?: readonly string[];
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
      .add((p) => `${alias}.chain_id = ANY(${p})`, filter.chainIds)
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

/**
 * Below this many facts in the filter, figures are computed exactly from `task_facts` (fast at
 * that size); above it they come from the daily aggregates, with percentiles interpolated from
 * log-scale histograms (≤ 23.7 % off, typically a few %) and case counts that may fall short —
 * never over — when a case's first fact in a group closed before the period (docs/kpis.md).
 */
export const EXACT_FACT_LIMIT = 5000;

/** Histogram bases, as in migration 1764500000000: durations from a minute, elapsed from 0.02 unit. */
const MINUTE_MS = 60_000;
const ELAPSED_BASE = 0.02;

/** Percentiles of one histogram of `kpi_task_histogram`: [fraction, output column]. */
interface HistogramFigure {
  histogram: 'working' | 'waiting' | 'handover' | 'suspended' | 'elapsed';
  base: number;
  percentiles: [number, string][];
}

const durations = (
  histogram: HistogramFigure['histogram'],
  labels: ('median' | 'p90')[],
): HistogramFigure => ({
  histogram,
  base: MINUTE_MS,
  percentiles: labels.map((label) => [label === 'median' ? 0.5 : 0.9, `${histogram}_${label}_ms`]),
});

/**
 * A query over the daily aggregates: `counts` summed per group of `keys`, joined to the
 * percentiles interpolated from the summed histograms (rank p·(n−1), as percentile_cont; the
 * bucket holding it is interpolated linearly in rank, geometrically in value).
 */
function fromAggregates(
  keys: readonly string[],
  where: Conditions,
  counts: string,
  having: string,
  figures: readonly HistogramFigure[],
): string {
  const keyList = keys.map((key) => `d.${key}`).join(', ');
  const groups = `SELECT ${keyList}, ${counts} FROM kpi_task_daily d ${where.where}
    GROUP BY ${keyList} HAVING ${having}`;
  if (figures.length === 0) return groups;
  const windows = figures.map(
    ({ histogram: h }) =>
      `${h}, sum(${h}) OVER (PARTITION BY ${keys.join(', ')} ORDER BY bucket) - ${h} AS ${h}_before,
       sum(${h}) OVER (PARTITION BY ${keys.join(', ')}) AS ${h}_n`,
  );
  const values = figures.flatMap(({ histogram: h, base, percentiles }) =>
    percentiles.map(([fraction, name]) => {
      const rank = `${fraction} * (${h}_n - 1)`;
      const value = `max(kpi_bucket_value(bucket, ${base}, (${rank} - ${h}_before + 0.5) / ${h}))
        FILTER (WHERE ${h} > 0 AND ${rank} >= ${h}_before AND ${rank} < ${h}_before + ${h})`;
      return base === MINUTE_MS ? `round(${value})::bigint AS ${name}` : `${value} AS ${name}`;
    }),
  );
  return `WITH groups AS (${groups}),
    buckets AS (SELECT ${keyList}, d.bucket, ${figures.map(({ histogram: h }) => `sum(d.${h}) AS ${h}`).join(', ')}
      FROM kpi_task_histogram d ${where.where} GROUP BY ${keyList}, d.bucket),
    figures AS (SELECT ${keys.join(', ')}, ${values.join(', ')}
      FROM (SELECT ${keys.join(', ')}, bucket, ${windows.join(', ')} FROM buckets) w
      GROUP BY ${keys.join(', ')})
    SELECT * FROM groups LEFT JOIN figures USING (${keys.join(', ')})`;
}

const STEP_KEYS = ['chain_id', 'step_id', 'partner_id'] as const;
const STEP_ORDER = 'ORDER BY chain_id, step_id, partner_id';

/** How a task-fact query's rows are ordered, and what wraps them (may add to the parameters). */
interface Shape {
  order?: string;
  wrap?: (sql: string, params: unknown[]) => string;
}

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
  /** Open tasks with an open escalation (the model view's live figure). */
  open_escalations: number;
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

export interface CaseNormRow {
  chain_id: string;
  intensity: string;
  cases: number;
  within: number;
  lead_median_ms: number;
  lead_p90_ms: number;
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
  /** Cases behind the lead, waiting and handover times (as `/kpis/lead-times` counts them). */
  completed_cases: number;
  /** Cases behind the within-norm figures (as `/kpis/within-norm` counts them). */
  measured_cases: number;
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

/** Each series' group with the distinct cases behind it, for the small-group rule. */
export interface MetricsSnapshot {
  handovers: { chain_id: string; count: number; cases: number }[];
  escalations: { chain_id: string; level: string; count: number; cases: number }[];
  stepDurations: {
    chain_id: string;
    step_id: string;
    buckets: number[];
    count: number;
    sum_ms: number;
    cases: number;
  }[];
  /** Every chain and partner of a published model: the series declared before any event. */
  partners: { chain_id: string; partner_id: string }[];
  /** Open tasks now per chain and partner, and those past their due date. */
  openTasks: {
    chain_id: string;
    partner_id: string;
    open: number;
    cases: number;
    overdue: number;
    overdue_cases: number;
  }[];
  /** Completed tasks measured against their norm, closed in the window, per chain and partner. */
  withinNorm: {
    chain_id: string;
    partner_id: string;
    measured: number;
    within: number;
    cases: number;
  }[];
  /** Cases opened and cases ended (closed or cancelled) per chain, since the start. */
  cases: { chain_id: string; opened: number; closed: number }[];
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
  'intensity',
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

  /**
   * The task-fact figures of the filter: exact from `task_facts` when it covers few facts,
   * otherwise from the daily aggregates by `fromAggregates(STEP_KEYS + extraKeys, …)`.
   */
  private async taskFigures<T>(
    filter: KpiFilter,
    exact: (where: Conditions) => string,
    aggregate: {
      extraKeys?: string[];
      counts: string;
      having: string;
      figures?: HistogramFigure[];
    },
    { order = STEP_ORDER, wrap = (sql: string) => sql }: Shape = {},
  ): Promise<T[]> {
    const daily = Conditions.scoped(filter, 'd.closed_day', 'd');
    const [{ facts }] = await this.rows<{ facts: number }>(
      `SELECT COALESCE(sum(d.tasks), 0) AS facts FROM kpi_task_daily d ${daily.where}`,
      daily.params,
    );
    if (facts < EXACT_FACT_LIMIT) {
      const where = Conditions.scoped(filter, 'f.closed_day', 'f');
      return this.rows<T>(`${wrap(exact(where), where.params)} ${order}`, where.params);
    }
    const keys = [...STEP_KEYS, ...(aggregate.extraKeys ?? [])];
    const sql = fromAggregates(
      keys,
      daily,
      aggregate.counts,
      aggregate.having,
      aggregate.figures ?? [],
    );
    return this.rows<T>(`${wrap(sql, daily.params)} ${order}`, daily.params);
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
         FROM kpi_event_counts d ${where.where}
         GROUP BY 1)
       SELECT to_char(s.period, 'YYYY-MM-DD') AS period, COALESCE(c.opened, 0) AS opened,
         COALESCE(c.closed, 0) AS closed, COALESCE(c.handovers, 0) AS handovers
       FROM generate_series(date_trunc(${unit}, $1::date::timestamp), $2::date::timestamp, ('1 ' || ${unit})::interval) AS s(period)
       LEFT JOIN counts c ON c.period = s.period::date
       ORDER BY s.period`,
      where.params,
    );
  }

  /**
   * Open tasks per step right now: how many, claimed or not, suspended, past their due date, how
   * old. One pass over the open tasks in the order of `tasks_open_step_idx` (no sort of all of
   * them); the median age is read at the middle of each group's index range instead of sorting
   * the group (the exact `percentile_cont` of the ages: the mean of the two middle ones when even).
   */
  workInProgress(filter: Omit<KpiFilter, 'from' | 'to'>, now: Date): Promise<WorkInProgressRow[]> {
    const where = new Conditions([now])
      .add((p) => `t.chain_id = ${p}`, filter.chainId)
      .add((p) => `t.chain_id = ANY(${p})`, filter.chainIds)
      .add((p) => `t.model_version = ${p}`, filter.modelVersion)
      .add((p) => `t.partner_id = ${p}`, filter.partnerId)
      .add((p) => `t.step_id = ${p}`, filter.stepId);
    const open = `t.status = 'open' ${where.clauses.map((c) => `AND ${c}`).join(' ')}`;
    const ageMs = (instant: string) =>
      `round(extract(epoch FROM $1::timestamptz - ${instant}) * 1000)::bigint`;
    return this.rows<WorkInProgressRow>(
      `WITH groups AS (
         SELECT t.chain_id, t.step_id, t.partner_id, count(DISTINCT t.case_id) AS cases, count(*) AS open,
           count(*) FILTER (WHERE t.claimed_at IS NULL) AS unclaimed,
           count(*) FILTER (WHERE t.suspended_since IS NOT NULL) AS suspended,
           count(*) FILTER (WHERE t.due_at < $1) AS over_norm,
           ${ageMs('min(t.opened_at)')} AS age_max_ms,
           count(*) FILTER (WHERE t.opened_at < $1::timestamptz - interval '7 days') AS aged_over_7_days,
           count(*) FILTER (WHERE t.opened_at < $1::timestamptz - interval '28 days') AS aged_over_28_days
         FROM tasks t WHERE ${open}
         GROUP BY t.chain_id, t.step_id, t.partner_id),
       escalated AS (
         SELECT t.chain_id, t.step_id, t.partner_id, count(*) AS open_escalations
         FROM (SELECT DISTINCT case_id, task_key FROM escalations WHERE status = 'open') e
         JOIN tasks t ON t.case_id = e.case_id AND t.task_key = e.task_key
         WHERE ${open}
         GROUP BY t.chain_id, t.step_id, t.partner_id)
       SELECT g.*, ${ageMs('(m.lo + (m.hi - m.lo) * ((g.open - 1) % 2) / 2)')} AS age_median_ms,
         COALESCE(x.open_escalations, 0) AS open_escalations
       FROM groups g
       LEFT JOIN escalated x USING (chain_id, step_id, partner_id)
       CROSS JOIN LATERAL (
         SELECT min(middle.opened_at) AS lo, max(middle.opened_at) AS hi FROM (
           SELECT t.opened_at FROM tasks t
           WHERE ${open} AND t.chain_id = g.chain_id AND t.step_id = g.step_id AND t.partner_id = g.partner_id
           ORDER BY t.opened_at OFFSET (g.open - 1) / 2 LIMIT 2) middle) m
       ORDER BY g.chain_id, g.step_id, g.partner_id`,
      where.params,
    );
  }

  /** Per step and partner: working time (lead time), waiting time and handover latency of completed tasks. */
  stepLeadTimes(filter: KpiFilter): Promise<StepLeadTimeRow[]> {
    return this.taskFigures<StepLeadTimeRow>(
      filter,
      (where) =>
        `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
           ${percentiles('f.working_ms', 'working')}, ${percentiles('f.waiting_ms', 'waiting')},
           ${percentiles('f.handover_ms', 'handover')}
         FROM task_facts f ${where.where} ${where.clauses.length ? 'AND' : 'WHERE'} f.status = 'completed'
         GROUP BY f.chain_id, f.step_id, f.partner_id`,
      {
        counts: 'sum(d.completed_cases) AS cases, sum(d.completed) AS tasks',
        having: 'sum(d.completed) > 0',
        figures: (['working', 'waiting', 'handover'] as const).map((h) =>
          durations(h, ['median', 'p90']),
        ),
      },
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

  /**
   * Cases ended in the period that ran their case norm and had a due date: per chain and intensity,
   * how many ended within it, and their lead time net of suspension.
   */
  caseNorm(filter: KpiFilter): Promise<CaseNormRow[]> {
    const where = Conditions.period(filter, 'f.closed_day', 'f');
    return this.rows<CaseNormRow>(
      `SELECT f.chain_id, f.intensity, count(*) AS cases,
         count(*) FILTER (WHERE f.norm_within) AS within,
         ${percentiles('f.lead_ms - f.norm_suspended_ms', 'lead')}
       FROM case_facts f ${where.where} ${where.clauses.length ? 'AND' : 'WHERE'} f.norm_within IS NOT NULL
       GROUP BY f.chain_id, f.intensity ORDER BY f.chain_id, f.intensity`,
      where.params,
    );
  }

  /** Completed tasks measured against their target norm, per step, partner and norm in force. */
  withinNorm(filter: KpiFilter): Promise<WithinNormRow[]> {
    return this.taskFigures<WithinNormRow>(
      filter,
      (where) =>
        `SELECT f.chain_id, f.step_id, f.partner_id, f.norm_amount, f.norm_unit,
           count(DISTINCT f.case_id) AS cases, count(*) AS measured,
           count(*) FILTER (WHERE f.within_norm) AS within,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY f.elapsed_in_unit) AS elapsed_median
         FROM task_facts f ${where.where} ${where.clauses.length ? 'AND' : 'WHERE'} f.within_norm IS NOT NULL
         GROUP BY f.chain_id, f.step_id, f.partner_id, f.norm_amount, f.norm_unit`,
      {
        extraKeys: ['norm_amount', 'norm_unit'],
        counts:
          'sum(d.measured_cases) AS cases, sum(d.measured) AS measured, sum(d.within) AS within',
        having: 'sum(d.measured) > 0',
        figures: [
          { histogram: 'elapsed', base: ELAPSED_BASE, percentiles: [[0.5, 'elapsed_median']] },
        ],
      },
      { order: `${STEP_ORDER}, norm_amount` },
    );
  }

  /** Per receiving step: handovers closed in the period and how many were returned. */
  stepRework(filter: KpiFilter): Promise<StepReworkRow[]> {
    return this.taskFigures<StepReworkRow>(
      filter,
      (where) =>
        `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
           count(*) FILTER (WHERE f.status = 'returned') AS returned
         FROM task_facts f ${where.where}
         GROUP BY f.chain_id, f.step_id, f.partner_id`,
      {
        counts: 'sum(d.cases) AS cases, sum(d.tasks) AS tasks, sum(d.returned) AS returned',
        having: 'true',
      },
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
    return this.taskFigures<ClockChangeRow>(
      filter,
      (where) =>
        `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
           count(*) FILTER (WHERE f.suspensions > 0) AS suspended_tasks, sum(f.suspensions) AS suspensions,
           ${median('f.suspended_ms', 'suspended', 'FILTER (WHERE f.suspensions > 0)')},
           count(*) FILTER (WHERE f.extensions > 0) AS extended_tasks, sum(f.extensions) AS extensions
         FROM task_facts f ${where.where}
         GROUP BY f.chain_id, f.step_id, f.partner_id`,
      {
        counts: `sum(d.cases) AS cases, sum(d.tasks) AS tasks, sum(d.suspended_tasks) AS suspended_tasks,
          sum(d.suspensions) AS suspensions, sum(d.extended_tasks) AS extended_tasks,
          sum(d.extensions) AS extensions`,
        having: 'true',
        figures: [durations('suspended', ['median'])],
      },
    );
  }

  /** One partner's figures per step it held in the period, with the escalations raised on them. */
  scorecard(partnerId: string, filter: KpiFilter): Promise<ScorecardRow[]> {
    const scope = { ...filter, partnerId };
    return this.taskFigures<ScorecardRow>(
      scope,
      (where) =>
        `SELECT f.chain_id, f.step_id, f.partner_id, count(DISTINCT f.case_id) AS cases, count(*) AS tasks,
           count(*) FILTER (WHERE f.status = 'completed') AS completed,
           count(DISTINCT f.case_id) FILTER (WHERE f.status = 'completed') AS completed_cases,
           count(DISTINCT f.case_id) FILTER (WHERE f.within_norm IS NOT NULL) AS measured_cases,
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
         GROUP BY f.chain_id, f.step_id, f.partner_id`,
      {
        counts: `sum(d.cases) AS cases, sum(d.tasks) AS tasks, sum(d.completed) AS completed,
          sum(d.completed_cases) AS completed_cases, sum(d.measured_cases) AS measured_cases,
          sum(d.returned) AS returned, max(d.norm_amount) AS norm_amount, max(d.norm_unit) AS norm_unit,
          sum(d.measured) AS measured, sum(d.within) AS within, sum(d.suspended_tasks) AS suspended_tasks,
          sum(d.extended_tasks) AS extended_tasks`,
        having: 'true',
        figures: [
          durations('working', ['median', 'p90']),
          durations('waiting', ['median']),
          durations('handover', ['median']),
        ],
      },
      {
        order: 'ORDER BY chain_id, step_id',
        wrap: (facts, params) => {
          // Shares the parameter list, so both parts of the query number their placeholders alike.
          const escalations = Conditions.scoped(
            scope,
            "(e.raised_at AT TIME ZONE 'Europe/Amsterdam')::date",
            'e',
            params,
          );
          return `WITH facts AS (${facts}),
            raised AS (
              SELECT e.chain_id, e.step_id, count(*) AS escalations FROM escalations e
              ${escalations.where} GROUP BY e.chain_id, e.step_id)
            SELECT facts.*, COALESCE(raised.escalations, 0) AS escalations
            FROM facts LEFT JOIN raised ON raised.chain_id = facts.chain_id AND raised.step_id = facts.step_id`;
        },
      },
    );
  }

  /**
   * Totals for Prometheus, derived from the record at scrape time: handovers and escalation
   * steps from the daily counts, and a histogram of completed tasks' working time per step.
   */
  async metrics(bucketsMs: readonly number[], windowDays: number): Promise<MetricsSnapshot> {
    const [handovers, escalations, durations, partners, openTasks, withinNorm, cases] =
      await Promise.all([
        // Cases: the chain's cases with a handover (task facts handed over from another task).
        this.rows<{ chain_id: string; count: number; cases: number }>(
          `SELECT d.chain_id, sum(d.events) AS count, COALESCE(max(c.cases), 0) AS cases
         FROM kpi_event_counts d
         LEFT JOIN (SELECT chain_id, count(DISTINCT case_id) AS cases FROM task_facts
                    WHERE handover_ms IS NOT NULL GROUP BY chain_id) c ON c.chain_id = d.chain_id
         WHERE d.type = 'task.opened' AND d.detail = 'handover' GROUP BY d.chain_id ORDER BY d.chain_id`,
          [],
        ),
        // Cases: those with an escalation now at that level, as /kpis/escalations groups them.
        this.rows<{ chain_id: string; level_text: string; count: number; cases: number }>(
          `SELECT d.chain_id, d.detail AS level_text, sum(d.events) AS count, COALESCE(max(e.cases), 0) AS cases
         FROM kpi_event_counts d
         LEFT JOIN (SELECT chain_id, level::text AS level_text, count(DISTINCT case_id) AS cases
                    FROM escalations GROUP BY 1, 2) e ON e.chain_id = d.chain_id AND e.level_text = d.detail
         WHERE d.type IN ('escalation.raised', 'escalation.level-up') GROUP BY d.chain_id, d.detail ORDER BY 1, 2`,
          [],
        ),
        this.rows<Record<string, number | string>>(
          `SELECT chain_id, step_id, count(*) AS count, COALESCE(sum(working_ms), 0) AS sum_ms,
           count(DISTINCT case_id) AS cases,
           ${bucketsMs.map((le, i) => `count(*) FILTER (WHERE working_ms <= ${Number(le)}) AS b${i}`).join(', ')}
         FROM task_facts WHERE status = 'completed' AND working_ms IS NOT NULL
         GROUP BY chain_id, step_id ORDER BY 1, 2`,
          [],
        ),
        this.rows<{ chain_id: string; partner_id: string }>(
          `SELECT DISTINCT chain_id, unnest(partner_ids) AS partner_id FROM model_versions ORDER BY 1, 2`,
          [],
        ),
        this.rows<MetricsSnapshot['openTasks'][number]>(
          `SELECT chain_id, partner_id, count(*) AS open, count(DISTINCT case_id) AS cases,
           count(*) FILTER (WHERE due_at < now()) AS overdue,
           count(DISTINCT case_id) FILTER (WHERE due_at < now()) AS overdue_cases
         FROM tasks WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2`,
          [],
        ),
        this.rows<MetricsSnapshot['withinNorm'][number]>(
          `SELECT chain_id, partner_id, count(*) AS measured, count(*) FILTER (WHERE within_norm) AS within,
           count(DISTINCT case_id) AS cases
         FROM task_facts
         WHERE within_norm IS NOT NULL AND closed_at >= now() - make_interval(days => $1)
         GROUP BY 1, 2 ORDER BY 1, 2`,
          [windowDays],
        ),
        this.rows<MetricsSnapshot['cases'][number]>(
          `SELECT chain_id, count(*) AS opened, count(*) FILTER (WHERE status <> 'open') AS closed
         FROM cases GROUP BY 1 ORDER BY 1`,
          [],
        ),
      ]);
    return {
      partners,
      openTasks,
      withinNorm,
      cases,
      handovers,
      escalations: escalations.map((row) => ({
        chain_id: row.chain_id,
        level: row.level_text,
        count: row.count,
        cases: row.cases,
      })),
      stepDurations: durations.map((row) => ({
        chain_id: String(row.chain_id),
        step_id: String(row.step_id),
        count: Number(row.count),
        sum_ms: Number(row.sum_ms),
        cases: Number(row.cases),
        buckets: bucketsMs.map((_, i) => Number(row[`b${i}`])),
      })),
    };
  }
}
