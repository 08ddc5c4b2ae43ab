import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1764800000000 implements MigrationInterface {
  name = 'Outbox1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Side effects decided by a case workflow, written in the projection's transaction and relayed
    // to the queue by a separate process: Redis being down delays them but never blocks a transition.
    await queryRunner.query(`
      CREATE TABLE outbox (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL,
        kind varchar(60) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE relayed_at IS NULL`,
    );
    // Cases an operator must look at: a transition the read side refused for good (and that the
    // workflow therefore undid), or drift the reconciler found between workflow and read side.
    await queryRunner.query(`
      CREATE TABLE case_flags (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        kind varchar(40) NOT NULL CHECK (kind IN ('projection-rejected', 'drift')),
        code varchar(60) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL DEFAULT now(),
        occurrences integer NOT NULL DEFAULT 1,
        repaired boolean NOT NULL DEFAULT false,
        resolved_at timestamptz,
        resolved_by uuid,
        resolution text
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX case_flags_open_idx ON case_flags (case_id, kind, code) WHERE resolved_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_flags`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}
