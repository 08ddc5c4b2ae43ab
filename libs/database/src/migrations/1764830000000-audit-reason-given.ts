import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditReasonGiven1764830000000 implements MigrationInterface {
  name = 'AuditReasonGiven1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Free text has its own audience (issue 12): the audit log records that a reason was given,
    // no longer its text. Rows written before keep theirs (the log is append-only); the API
    // does not return it.
    await queryRunner.query(
      `ALTER TABLE audit_log ADD COLUMN reason_given boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN reason_given`);
  }
}
