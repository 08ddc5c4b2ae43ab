import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moving running cases to a later model version (issue 16): the owner's plans, revised as they are
 * edited, and the runs that carry them out batch by batch, with each case's outcome.
 */
export class CaseMigrations1764910000000 implements MigrationInterface {
  name = 'CaseMigrations1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every save is a new revision; a run names the revision it carried out.
    await queryRunner.query(`
      CREATE TABLE migration_plans (
        id uuid PRIMARY KEY,
        chain_id varchar(64) NOT NULL,
        from_version integer NOT NULL,
        to_version integer NOT NULL,
        revision integer NOT NULL,
        mapping jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (chain_id, from_version, to_version, revision),
        FOREIGN KEY (chain_id, from_version) REFERENCES model_versions (chain_id, version),
        FOREIGN KEY (chain_id, to_version) REFERENCES model_versions (chain_id, version),
        CHECK (to_version > from_version)
      )`);
    await queryRunner.query(`
      CREATE TABLE migration_runs (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES migration_plans(id),
        chain_id varchar(64) NOT NULL,
        from_version integer NOT NULL,
        to_version integer NOT NULL,
        reason text NOT NULL,
        started_by uuid NOT NULL REFERENCES users(id),
        started_by_role varchar(20) NOT NULL,
        batch_size integer NOT NULL CHECK (batch_size > 0),
        status varchar(10) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX migration_runs_chain_idx ON migration_runs (chain_id, started_at)`,
    );
    // The cases a run selected, fixed when it starts, so a resumed run walks the same list.
    await queryRunner.query(`
      CREATE TABLE migration_cases (
        run_id uuid NOT NULL REFERENCES migration_runs(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        batch integer NOT NULL,
        outcome varchar(20) NOT NULL DEFAULT 'pending'
          CHECK (outcome IN ('pending', 'migrated', 'already-migrated', 'refused')),
        detail jsonb,
        settled_at timestamptz,
        PRIMARY KEY (run_id, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX migration_cases_batch_idx ON migration_cases (run_id, batch)`,
    );
    await queryRunner.query(`
      CREATE TABLE migration_batches (
        run_id uuid NOT NULL REFERENCES migration_runs(id),
        batch integer NOT NULL,
        finished_at timestamptz,
        PRIMARY KEY (run_id, batch)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE migration_batches`);
    await queryRunner.query(`DROP TABLE migration_cases`);
    await queryRunner.query(`DROP TABLE migration_runs`);
    await queryRunner.query(`DROP TABLE migration_plans`);
  }
}
