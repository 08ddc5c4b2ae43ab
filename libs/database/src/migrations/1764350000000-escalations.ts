import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Escalations1764350000000 implements MigrationInterface {
  name = 'Escalations1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The regisseur's queue: one row per escalation, climbing the chain's ladder until resolved.
    await queryRunner.query(`
      CREATE TABLE escalations (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        task_key varchar(100),
        step_id varchar(64),
        partner_id varchar(64),
        trigger varchar(32) NOT NULL
          CHECK (trigger IN ('norm-breached', 'claim-overdue', 'returned-repeatedly', 'case-stalled', 'partners-disagree')),
        level integer NOT NULL CHECK (level BETWEEN 0 AND 4),
        level_name varchar(100) NOT NULL,
        owner varchar(100) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('open', 'resolved')),
        raised_at timestamptz NOT NULL,
        level_since timestamptz NOT NULL,
        level_due_at timestamptz,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users(id),
        resolution text
      )`);
    await queryRunner.query(
      `CREATE INDEX escalations_queue_idx ON escalations (status, level DESC, raised_at) WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX escalations_case_idx ON escalations (case_id)`);
    await queryRunner.query(
      `CREATE INDEX escalations_chain_idx ON escalations (chain_id, raised_at)`,
    );

    // Clock changes of a task, so KPIs can tell paused time from working time.
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN suspended_since timestamptz`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN suspended_ms bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN extended boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN warned_at timestamptz`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN overdue_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'overdue_at',
      'warned_at',
      'extended',
      'suspended_ms',
      'suspended_since',
    ]) {
      await queryRunner.query(`ALTER TABLE tasks DROP COLUMN ${column}`);
    }
    await queryRunner.query(`DROP TABLE escalations`);
  }
}
