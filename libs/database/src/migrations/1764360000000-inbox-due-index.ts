import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's default order is by due date (tasks without a norm last). Measured at 100k open
 * tasks: 86 ms with the opened_at index, 0.3 ms with this one (docs/performance.md).
 */
export class InboxDueIndex1764360000000 implements MigrationInterface {
  name = 'InboxDueIndex1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX tasks_inbox_due_idx ON tasks (partner_id, (COALESCE(due_at, 'infinity'::timestamptz)), id)
       WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX tasks_assignee_due_idx ON tasks (assignee_id, (COALESCE(due_at, 'infinity'::timestamptz)), id)
       WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX tasks_assignee_due_idx`);
    await queryRunner.query(`DROP INDEX tasks_inbox_due_idx`);
  }
}
