import type { Client as PgClient } from 'pg';

/**
 * Open tasks written straight into the bench database, for the read-side measurements only (real
 * intakes would take hours at 100k). Each synthetic case has one open task at a step of its chain,
 * so organisations get tasks in proportion to the steps they hold in the example models, and a
 * history of three completed tasks: ten case events per open task, so 100k open tasks come with
 * one million events.
 */
const HISTORY_TASKS = 3;

export async function addSyntheticCases(db: PgClient, count: number): Promise<void> {
  if (count <= 0) return;
  await db.query('BEGIN');
  try {
    await db.query(`
      CREATE TEMP TABLE IF NOT EXISTS bench_slots AS
      SELECT (row_number() OVER (ORDER BY v.chain_id, s.ordinality))::int - 1 AS slot,
             v.chain_id, v.version, s.step->>'id' AS step_id, s.step->>'name' AS step_name,
             s.step->>'partner' AS partner_id
      FROM model_versions v, jsonb_array_elements(v.document->'steps') WITH ORDINALITY AS s(step, ordinality)`);
    await db.query(`DROP TABLE IF EXISTS bench_batch`);
    await db.query(
      `CREATE TEMP TABLE bench_batch AS
       WITH picks AS MATERIALIZED (
         SELECT floor(random() * (SELECT count(*) FROM bench_slots))::int AS slot
         FROM generate_series(1, $1)
       )
       SELECT gen_random_uuid() AS case_id, slot.*,
              now() - random() * interval '120 days' AS opened_at
       FROM picks JOIN bench_slots slot USING (slot)`,
      [count],
    );
    await db.query(`
      INSERT INTO cases (id, chain_id, model_version, category, intensity, client_question,
        client_reference, opened_by, opened_at, current_partners)
      SELECT case_id, chain_id, version, 'bench', 'coordinate', 'Synthetisch', 'BENCH-SQL',
        (SELECT id FROM users WHERE username = 'admin'), opened_at, ARRAY[partner_id]
      FROM bench_batch`);
    await db.query(`
      INSERT INTO case_participants (case_id, organisation_id, since)
      SELECT case_id, partner_id, opened_at FROM bench_batch`);
    // Completed history first (task keys h1..h3), then the open task; due dates spread ±30 days.
    await db.query(
      `INSERT INTO tasks (case_id, task_key, chain_id, model_version, step_id, step_name, partner_id,
         assignee_id, status, outcome, opened_at, claimed_at, closed_at, due_at)
       SELECT b.case_id, 'h' || h, b.chain_id, b.version, s.step_id, s.step_name, s.partner_id, NULL,
         'completed', 'done', b.opened_at + (h - 1) * interval '5 days',
         b.opened_at + (h - 1) * interval '5 days' + random() * interval '2 days',
         b.opened_at + h * interval '5 days', NULL
       FROM bench_batch b, generate_series(1, $1) AS h,
         LATERAL (SELECT * FROM bench_slots s WHERE s.chain_id = b.chain_id
                  ORDER BY (s.slot + h) % 7, s.slot LIMIT 1) s`,
      [HISTORY_TASKS],
    );
    await db.query(`
      INSERT INTO tasks (case_id, task_key, chain_id, model_version, step_id, step_name, partner_id,
        status, opened_at, due_at)
      SELECT case_id, step_id || ':1', chain_id, version, step_id, step_name, partner_id, 'open',
        opened_at + interval '15 days',
        CASE WHEN random() < 0.8 THEN now() + (random() * 60 - 30) * interval '1 day' END
      FROM bench_batch`);
    await db.query(`
      INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, occurred_at)
      SELECT t.case_id || ':' || t.task_key || ':' || e.type, t.case_id, e.type, t.task_key,
        t.step_id, t.partner_id, e.at
      FROM tasks t JOIN bench_batch b ON b.case_id = t.case_id,
        LATERAL (VALUES ('task.opened', t.opened_at), ('task.claimed', t.claimed_at),
                        ('task.completed', t.closed_at)) AS e(type, at)
      WHERE e.at IS NOT NULL`);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('ANALYZE cases, tasks, case_events, case_participants');
}
