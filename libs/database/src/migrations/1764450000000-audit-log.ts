import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764450000000 implements MigrationInterface {
  name = 'AuditLog1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Who read or changed what, when, why and with which answer: every authenticated request.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        request_id varchar(100),
        actor_id uuid,
        actor_role varchar(20),
        actor_organisation varchar(64),
        method varchar(10) NOT NULL,
        route varchar(200) NOT NULL,
        path varchar(500) NOT NULL,
        case_id uuid,
        status_code integer NOT NULL,
        reason text
      )`);
    await queryRunner.query(
      `CREATE INDEX audit_log_case_idx ON audit_log (case_id, at) WHERE case_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)`);
    await queryRunner.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only`);
  }
}
