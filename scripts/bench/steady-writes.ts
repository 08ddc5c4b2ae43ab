import type { Client as PgClient } from 'pg';

/**
 * A busy day on the synthetic cases, as the projection writes it: small transactions, each one
 * claim and one completion with its handover (task rows updated and inserted, three events, one
 * delta row per event group). The open-task count stays as it was. Runs inside PostgreSQL (a
 * procedure committing every handover), so it takes seconds, not the hours real handovers would;
 * nothing is vacuumed by hand afterwards — what the KPI reads then see is what a day of
 * transitions leaves behind with autovacuum as configured.
 */
export async function steadyWrites(db: PgClient, handovers: number): Promise<number> {
  if (handovers <= 0) return 0;
  const started = Date.now();
  await db.query(
    `CREATE OR REPLACE PROCEDURE pg_temp.bench_busy_day(handovers integer) LANGUAGE plpgsql AS $$
     DECLARE
       -- Open first tasks of synthetic cases, in random order: each is claimed, then completed
       -- with its handover in the next transaction.
       picked uuid[] := ARRAY(SELECT id FROM tasks WHERE status = 'open' AND claimed_at IS NULL
                              AND task_key LIKE '%:1' ORDER BY random() LIMIT handovers + 1);
       claimed tasks%ROWTYPE;
       done tasks%ROWTYPE;
     BEGIN
       FOR i IN 1..coalesce(array_length(picked, 1), 0) LOOP
         UPDATE tasks SET claimed_at = now() WHERE id = picked[i] RETURNING * INTO claimed;
         INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, occurred_at)
         VALUES (claimed.case_id || ':' || claimed.task_key || ':claimed', claimed.case_id, 'task.claimed',
           claimed.task_key, claimed.step_id, claimed.partner_id, now());
         IF i > 1 THEN
           UPDATE tasks SET status = 'completed', outcome = 'done', closed_at = now()
           WHERE id = picked[i - 1] RETURNING * INTO done;
           INSERT INTO tasks (case_id, task_key, chain_id, model_version, step_id, step_name, partner_id,
             status, handed_over_by, opened_at, due_at)
           VALUES (done.case_id, done.step_id || ':2', done.chain_id, done.model_version, done.step_id,
             done.step_name, done.partner_id, 'open', ARRAY[done.task_key], now(), now() + interval '10 days');
           INSERT INTO case_events (event_id, case_id, type, task_key, step_id, partner_id, occurred_at, details)
           VALUES (done.case_id || ':' || done.task_key || ':completed', done.case_id, 'task.completed',
               done.task_key, done.step_id, done.partner_id, now(), '{}'),
             (done.case_id || ':' || done.step_id || ':2:opened', done.case_id, 'task.opened',
               done.step_id || ':2', done.step_id, done.partner_id, now(),
               jsonb_build_object('handedOverBy', jsonb_build_array(done.task_key)));
         END IF;
         COMMIT;
       END LOOP;
     END $$`,
  );
  await db.query('CALL pg_temp.bench_busy_day($1)', [handovers]);
  return Math.round((Date.now() - started) / 10) / 100;
}
