import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1764260000000 implements MigrationInterface {
  name = 'Cases1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The read side of the case workflows: written by activities, read by the API.
    await queryRunner.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        number bigserial UNIQUE,
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        category varchar(64) NOT NULL,
        intensity varchar(16) NOT NULL,
        client_question text NOT NULL,
        client_reference varchar(100) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        status varchar(12) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
        end_id varchar(64),
        result varchar(16),
        exit_reason text,
        current_partners text[] NOT NULL DEFAULT '{}',
        opened_by uuid NOT NULL REFERENCES users(id),
        opened_by_organisation varchar(64) REFERENCES organisations(id),
        idempotency_key varchar(200),
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (chain_id, model_version) REFERENCES model_versions(chain_id, version),
        UNIQUE (opened_by, idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX cases_chain_status_idx ON cases (chain_id, status, opened_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX cases_current_partners_idx ON cases USING gin (current_partners)`,
    );

    await queryRunner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        task_key varchar(100) NOT NULL,
        chain_id varchar(64) NOT NULL,
        model_version integer NOT NULL,
        step_id varchar(64) NOT NULL,
        step_name varchar(200) NOT NULL,
        partner_id varchar(64) NOT NULL REFERENCES organisations(id),
        assignee_id uuid REFERENCES users(id),
        status varchar(12) NOT NULL CHECK (status IN ('open', 'completed', 'skipped', 'returned', 'cancelled')),
        outcome varchar(64),
        iteration integer NOT NULL DEFAULT 1,
        handed_over_by text[] NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL,
        claimed_at timestamptz,
        closed_at timestamptz,
        due_at timestamptz,
        escalation_at timestamptz,
        UNIQUE (case_id, task_key)
      )`);
    // The inbox: open tasks of one organisation, by due date or age.
    await queryRunner.query(
      `CREATE INDEX tasks_inbox_idx ON tasks (partner_id, opened_at, id) WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX tasks_assignee_idx ON tasks (assignee_id) WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX tasks_case_idx ON tasks (case_id)`);

    // Organisations that hold or held a task in a case: the need-to-know gate.
    await queryRunner.query(`
      CREATE TABLE case_participants (
        case_id uuid NOT NULL REFERENCES cases(id),
        organisation_id varchar(64) NOT NULL REFERENCES organisations(id),
        since timestamptz NOT NULL,
        PRIMARY KEY (case_id, organisation_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX case_participants_org_idx ON case_participants (organisation_id, case_id)`,
    );

    // Append-only story of every case; event ids are deterministic so a retried activity writes nothing twice.
    await queryRunner.query(`
      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        event_id varchar(200) NOT NULL UNIQUE,
        case_id uuid NOT NULL REFERENCES cases(id),
        type varchar(40) NOT NULL,
        task_key varchar(100),
        step_id varchar(64),
        partner_id varchar(64),
        actor_id uuid,
        actor_role varchar(20),
        actor_organisation varchar(64),
        occurred_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      `CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_at, id)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only';
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_events`);
    await queryRunner.query(`DROP FUNCTION case_events_append_only`);
    await queryRunner.query(`DROP TABLE case_participants`);
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP TABLE cases`);
  }
}
