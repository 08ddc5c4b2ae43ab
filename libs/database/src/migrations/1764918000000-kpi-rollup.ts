import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AMSTERDAM_DAY, EVENT_DETAIL, PER_EVENT_COUNTER } from './kpi-event-sql';

const EVENT_KEY = 'day, chain_id, model_version, type, step_id, partner_id, detail';

/**
 * KPI aggregates off the transition's path (issue 18). Until now every event updated its day's
 * counter row in the projection's transaction: concurrent handovers of a step queued on the same
 * row lock, and every update left a dead row version behind (a busy day bloated the table to
 * hundreds of thousands of index entries for a few thousand live rows).
 *
 * - Events append one delta row per group and statement (no lock, no update); the KPI rollup folds
 *   the deltas into `kpi_event_daily` every few seconds, and readers see daily + deltas through
 *   `kpi_event_counts`, so counts are never late.
 * - Task and case facts are computed by the rollup from a queue the projection appends to, so
 *   their reads, the norm calculation and the `kpi_task_daily` / `kpi_task_histogram` updates run
 *   in one writer's batch instead of in every transition; they may lag by seconds.
 * - The aggregate tables leave room on every page (fillfactor) so a fold updates a row on its own
 *   page (HOT: the counters are in no index), and autovacuum visits them early.
 * - Work in progress reads the open tasks in step order from an index of their own.
 */
export class KpiRollup1764918000000 implements MigrationInterface {
  name = 'KpiRollup1764918000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The daily table's columns (and NOT NULLs), without its key: deltas of a group repeat.
    await queryRunner.query(`CREATE TABLE kpi_event_delta (LIKE kpi_event_daily)`);
    // A statement trigger sees only the rows actually inserted (ON CONFLICT DO NOTHING skips
    // duplicates), so a retried projection counts nothing twice. Notes are case content: never counted.
    await queryRunner.query(`
      CREATE FUNCTION kpi_event_delta_add() RETURNS trigger AS $$
      BEGIN
        INSERT INTO kpi_event_delta (${EVENT_KEY}, events)
        SELECT ${AMSTERDAM_DAY('n.occurred_at')}, c.chain_id, c.model_version, n.type,
               COALESCE(n.step_id, ''), COALESCE(n.partner_id, ''), ${EVENT_DETAIL('n')}, count(*)
        FROM inserted n JOIN cases c ON c.id = n.case_id
        WHERE n.type <> 'note.added'
        GROUP BY 1, 2, 3, 4, 5, 6, 7;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`DROP TRIGGER case_events_kpi_daily ON case_events`);
    await queryRunner.query(`DROP FUNCTION kpi_event_daily_count`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_kpi_delta AFTER INSERT ON case_events
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION kpi_event_delta_add()`);
    await queryRunner.query(`
      CREATE VIEW kpi_event_counts AS
        SELECT ${EVENT_KEY}, events FROM kpi_event_daily
        UNION ALL
        SELECT ${EVENT_KEY}, events FROM kpi_event_delta`);

    // Cases whose facts may be missing: one row per transition that changed the case, no key, so
    // appending never waits on the rollup's lock.
    await queryRunner.query(`
      CREATE TABLE kpi_fact_queue (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of ['kpi_event_daily', 'kpi_task_daily', 'kpi_task_histogram']) {
      await queryRunner.query(
        `ALTER TABLE ${table} SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05)`,
      );
    }
    // Work in progress groups every open task by step: in this order it needs no sort, and the
    // median age is read at the middle of a group's range (kpi-query.repository.ts).
    await queryRunner.query(
      `CREATE INDEX tasks_open_step_idx ON tasks (chain_id, step_id, partner_id, opened_at)
         INCLUDE (case_id, task_key, model_version, claimed_at, suspended_since, due_at)
         WHERE status = 'open'`,
    );
    // An index-only scan needs the visibility map: every claim and completion clears a page's bit
    // until a vacuum sets it again, so vacuum tasks after 2 % changed rows, not the default 20 %.
    await queryRunner.query(
      `ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`,
    );
    // Both queues are emptied every few seconds: vacuum them by dead rows, not by their (tiny) size.
    for (const table of ['kpi_event_delta', 'kpi_fact_queue']) {
      await queryRunner.query(
        `ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE tasks RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)`,
    );
    await queryRunner.query(`DROP INDEX tasks_open_step_idx`);
    for (const table of ['kpi_event_daily', 'kpi_task_daily', 'kpi_task_histogram']) {
      await queryRunner.query(
        `ALTER TABLE ${table} RESET (fillfactor, autovacuum_vacuum_scale_factor)`,
      );
    }
    await queryRunner.query(`DROP TABLE kpi_fact_queue`);
    await queryRunner.query(`DROP VIEW kpi_event_counts`);
    await queryRunner.query(`DROP TRIGGER case_events_kpi_delta ON case_events`);
    await queryRunner.query(`DROP FUNCTION kpi_event_delta_add`);
    // Fold what is pending, then count per event again.
    await queryRunner.query(`
      INSERT INTO kpi_event_daily (${EVENT_KEY}, events)
      SELECT ${EVENT_KEY}, sum(events) FROM kpi_event_delta GROUP BY ${EVENT_KEY}
      ON CONFLICT (chain_id, day, model_version, type, step_id, partner_id, detail)
      DO UPDATE SET events = kpi_event_daily.events + EXCLUDED.events`);
    await queryRunner.query(`DROP TABLE kpi_event_delta`);
    for (const sql of PER_EVENT_COUNTER) await queryRunner.query(sql);
  }
}
