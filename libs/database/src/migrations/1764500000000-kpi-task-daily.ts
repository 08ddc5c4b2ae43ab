import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The key every task-fact aggregate is kept by: the day a fact counts on and its group. */
const KEY = [
  'chain_id',
  'closed_day',
  'model_version',
  'step_id',
  'partner_id',
  'norm_amount',
  'norm_unit',
];
const KEY_LIST = KEY.join(', ');
const COUNTS = [
  'tasks',
  'cases',
  'completed',
  'completed_cases',
  'returned',
  'measured',
  'measured_cases',
  'within',
  'suspended_tasks',
  'suspensions',
  'extended_tasks',
  'extensions',
];
const HISTOGRAMS = ['working', 'waiting', 'handover', 'suspended', 'elapsed'];
/** Durations are bucketed from one minute up; elapsed time in the norm's unit from 0.02 unit up. */
const MINUTE_MS = 60_000;
const ELAPSED_BASE = 0.02;

const addUp = (columns: string[], table: string) =>
  columns.map((column) => `${column} = ${table}.${column} + EXCLUDED.${column}`).join(', ');

/**
 * Counts `n` (a row of `source`) as a case of its group only if no other fact of the case in that
 * group was written before it or, written with it, closed before it — so every case is counted
 * once, by its first fact, however often the projection runs.
 */
const firstOfCase = (source: string, sameGroup: string) => `NOT EXISTS (
  SELECT 1 FROM task_facts o
  WHERE o.case_id = n.case_id AND o.step_id = n.step_id AND o.partner_id = n.partner_id
    AND o.task_key <> n.task_key AND ${sameGroup}
    AND ((o.closed_at, o.task_key) < (n.closed_at, n.task_key)
      OR NOT EXISTS (SELECT 1 FROM ${source} s WHERE s.case_id = o.case_id AND s.task_key = o.task_key)))`;

/** Adds the facts of `source` (the newly inserted ones, or all of them once) to the aggregates. */
function addFacts(source: string): string[] {
  const completed = `n.status = 'completed'`;
  const measured = 'n.within_norm IS NOT NULL';
  return [
    `INSERT INTO kpi_task_daily (${KEY_LIST}, ${COUNTS.join(', ')})
     SELECT ${KEY_LIST}, count(*),
       count(*) FILTER (WHERE ${firstOfCase(source, 'true')}),
       count(*) FILTER (WHERE ${completed}),
       count(*) FILTER (WHERE ${completed} AND ${firstOfCase(source, `o.status = 'completed'`)}),
       count(*) FILTER (WHERE n.status = 'returned'),
       count(*) FILTER (WHERE ${measured}),
       count(*) FILTER (WHERE ${measured} AND ${firstOfCase(
         source,
         'o.within_norm IS NOT NULL AND o.norm_amount IS NOT DISTINCT FROM n.norm_amount AND o.norm_unit IS NOT DISTINCT FROM n.norm_unit',
       )}),
       count(*) FILTER (WHERE n.within_norm),
       count(*) FILTER (WHERE n.suspensions > 0), sum(n.suspensions),
       count(*) FILTER (WHERE n.extensions > 0), sum(n.extensions)
     FROM ${source} n GROUP BY ${KEY_LIST}
     ON CONFLICT (${KEY_LIST}) DO UPDATE SET ${addUp(COUNTS, 'kpi_task_daily')}`,
    `INSERT INTO kpi_task_histogram (${KEY_LIST}, bucket, ${HISTOGRAMS.join(', ')})
     SELECT ${KEY_LIST}, b.bucket, ${HISTOGRAMS.map((h) => `count(*) FILTER (WHERE b.histogram = '${h}')`).join(', ')}
     FROM ${source} n CROSS JOIN LATERAL (VALUES
       ('working', CASE WHEN ${completed} THEN kpi_bucket(n.working_ms, ${MINUTE_MS}) END),
       ('waiting', CASE WHEN ${completed} THEN kpi_bucket(n.waiting_ms, ${MINUTE_MS}) END),
       ('handover', CASE WHEN ${completed} THEN kpi_bucket(n.handover_ms, ${MINUTE_MS}) END),
       ('suspended', CASE WHEN n.suspensions > 0 THEN kpi_bucket(n.suspended_ms, ${MINUTE_MS}) END),
       ('elapsed', CASE WHEN ${measured} THEN kpi_bucket(n.elapsed_in_unit, ${ELAPSED_BASE}) END)
     ) AS b(histogram, bucket)
     WHERE b.bucket IS NOT NULL GROUP BY ${KEY_LIST}, b.bucket
     ON CONFLICT (${KEY_LIST}, bucket) DO UPDATE SET ${addUp(HISTOGRAMS, 'kpi_task_histogram')}`,
  ];
}

/**
 * Daily pre-aggregates of `task_facts`, so the KPI queries read a few thousand rows instead of
 * every fact: counts per group and day, and a log-scale histogram of each duration from which
 * median and p90 are interpolated (see docs/kpis.md, _Speed_).
 */
export class KpiTaskDaily1764500000000 implements MigrationInterface {
  name = 'KpiTaskDaily1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const key = `chain_id varchar(64) NOT NULL, closed_day date NOT NULL, model_version integer NOT NULL,
      step_id varchar(64) NOT NULL, partner_id varchar(64) NOT NULL, norm_amount numeric, norm_unit varchar(16)`;
    // Facts without a norm share a row, hence NULLS NOT DISTINCT.
    await queryRunner.query(`
      CREATE TABLE kpi_task_daily (${key},
        ${COUNTS.map((c) => `${c} integer NOT NULL`).join(', ')},
        UNIQUE NULLS NOT DISTINCT (${KEY_LIST}))`);
    // One row per non-empty bucket: a day's group holds ~90 facts, so most of the 64 buckets are empty.
    await queryRunner.query(`
      CREATE TABLE kpi_task_histogram (${key}, bucket smallint NOT NULL,
        ${HISTOGRAMS.map((h) => `${h} integer NOT NULL`).join(', ')},
        UNIQUE NULLS NOT DISTINCT (${KEY_LIST}, bucket))`);
    await queryRunner.query(`CREATE INDEX kpi_task_daily_day_idx ON kpi_task_daily (closed_day)`);
    await queryRunner.query(
      `CREATE INDEX kpi_task_histogram_day_idx ON kpi_task_histogram (closed_day)`,
    );
    // Bucket 0 is [0, base); buckets 1..62 grow by 525600^(1/62) ≈ 1.237 up to base × 525600
    // (a minute → a year); bucket 63 holds the rest.
    await queryRunner.query(`
      CREATE FUNCTION kpi_bucket(value double precision, base double precision) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN value IS NULL THEN NULL WHEN value < base THEN 0
          ELSE least(63, 1 + floor(ln(value / base) / (ln(525600) / 62)))::smallint END $$`);
    // The value at `fraction` (0..1) through a bucket: linear in bucket 0, geometric above.
    await queryRunner.query(`
      CREATE FUNCTION kpi_bucket_value(bucket integer, base double precision, fraction double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN bucket = 0 THEN base * fraction
          WHEN bucket = 63 THEN base * 525600
          ELSE base * exp((bucket - 1 + fraction) * ln(525600) / 62) END $$`);
    // A statement trigger sees only the rows actually inserted (ON CONFLICT DO NOTHING skips the
    // rest), in the same transaction: a fact written once is aggregated once.
    await queryRunner.query(`
      CREATE FUNCTION kpi_task_daily_add() RETURNS trigger AS $$
      BEGIN
        ${addFacts('inserted')
          .map((sql) => `${sql};`)
          .join('\n')}
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER task_facts_kpi_daily AFTER INSERT ON task_facts
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION kpi_task_daily_add()`);
    for (const sql of addFacts('task_facts')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER task_facts_kpi_daily ON task_facts`);
    await queryRunner.query(`DROP FUNCTION kpi_task_daily_add`);
    await queryRunner.query(`DROP FUNCTION kpi_bucket_value`);
    await queryRunner.query(`DROP FUNCTION kpi_bucket`);
    await queryRunner.query(`DROP TABLE kpi_task_histogram`);
    await queryRunner.query(`DROP TABLE kpi_task_daily`);
  }
}
