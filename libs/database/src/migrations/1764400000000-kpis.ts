import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PER_EVENT_COUNTER } from './kpi-event-sql';

export class Kpis1764400000000 implements MigrationInterface {
  name = 'Kpis1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per closed task, written in the projection's transaction when the task closes.
    // Durations are net of suspension; within_norm is judged on the norm's own calendar.
    await queryRunner.query(`
      CREATE TABLE task_facts (
        case_id uuid NOT NULL REFERENCES cases(id),
        task_key varchar(100) NOT NULL,
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        step_id varchar(64) NOT NULL,
        partner_id varchar(64) NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('completed', 'skipped', 'returned', 'cancelled')),
        iteration integer NOT NULL,
        opened_at timestamptz NOT NULL,
        claimed_at timestamptz,
        closed_at timestamptz NOT NULL,
        closed_day date NOT NULL,
        waiting_ms bigint,
        working_ms bigint,
        handover_ms bigint,
        suspended_ms bigint NOT NULL DEFAULT 0,
        suspensions integer NOT NULL DEFAULT 0,
        extensions integer NOT NULL DEFAULT 0,
        norm_amount numeric,
        norm_unit varchar(16),
        elapsed_in_unit numeric,
        within_norm boolean,
        PRIMARY KEY (case_id, task_key)
      )`);
    // Every KPI query filters on a period of closing days, usually within one chain.
    await queryRunner.query(
      `CREATE INDEX task_facts_chain_day_idx ON task_facts (chain_id, closed_day)
         INCLUDE (model_version, step_id, partner_id, status, waiting_ms, working_ms, handover_ms, within_norm)`,
    );
    await queryRunner.query(
      `CREATE INDEX task_facts_partner_day_idx ON task_facts (partner_id, closed_day)`,
    );

    // One row per finished case, written when the case closes.
    await queryRunner.query(`
      CREATE TABLE case_facts (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        status varchar(12) NOT NULL,
        result varchar(16),
        end_id varchar(64),
        exit_reason text,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz NOT NULL,
        closed_day date NOT NULL,
        lead_ms bigint NOT NULL,
        tasks integer NOT NULL,
        handovers integer NOT NULL,
        returns integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX case_facts_chain_day_idx ON case_facts (chain_id, closed_day)`,
    );

    // Daily event counts, kept by a trigger so a duplicate (ON CONFLICT DO NOTHING) event counts nothing.
    // detail: 'handover' or 'first' for task.opened, the level for escalation events, the result for case.closed.
    await queryRunner.query(`
      CREATE TABLE kpi_event_daily (
        day date NOT NULL,
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        type varchar(40) NOT NULL,
        step_id varchar(64) NOT NULL,
        partner_id varchar(64) NOT NULL,
        detail varchar(40) NOT NULL,
        events integer NOT NULL,
        PRIMARY KEY (chain_id, day, model_version, type, step_id, partner_id, detail)
      )`);
    await queryRunner.query(`CREATE INDEX kpi_event_daily_day_idx ON kpi_event_daily (day)`);
    for (const sql of PER_EVENT_COUNTER) await queryRunner.query(sql);

    // Drop-out and throughput read cases by the day they closed; the export walks a chain's cases.
    await queryRunner.query(`CREATE INDEX cases_chain_closed_idx ON cases (chain_id, closed_at)`);
    await queryRunner.query(`CREATE INDEX cases_chain_opened_idx ON cases (chain_id, opened_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_chain_opened_idx`);
    await queryRunner.query(`DROP INDEX cases_chain_closed_idx`);
    await queryRunner.query(`DROP TRIGGER case_events_kpi_daily ON case_events`);
    await queryRunner.query(`DROP FUNCTION kpi_event_daily_count`);
    await queryRunner.query(`DROP TABLE kpi_event_daily`);
    await queryRunner.query(`DROP TABLE case_facts`);
    await queryRunner.query(`DROP TABLE task_facts`);
  }
}
