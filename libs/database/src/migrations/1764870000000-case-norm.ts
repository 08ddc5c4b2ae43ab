import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGERS_BEFORE = `'norm-breached', 'claim-overdue', 'returned-repeatedly', 'case-stalled', 'partners-disagree'`;

/**
 * The case norm runs (issue 15): its clock on the case row, the `case-overdue` escalation a case
 * past its escalation threshold raises, and what the case KPIs need to judge a whole case against
 * its norm per intensity.
 */
export class CaseNorm1764870000000 implements MigrationInterface {
  name = 'CaseNorm1764870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Mirrors the clock columns of `tasks`; norm_enforced tells "no case norm" from "no date yet".
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN norm_enforced boolean NOT NULL DEFAULT false,
        ADD COLUMN norm_due_at timestamptz,
        ADD COLUMN norm_escalation_at timestamptz,
        ADD COLUMN norm_suspended_since timestamptz,
        ADD COLUMN norm_suspended_ms bigint NOT NULL DEFAULT 0,
        ADD COLUMN norm_extended boolean NOT NULL DEFAULT false,
        ADD COLUMN norm_warned_at timestamptz,
        ADD COLUMN norm_overdue_at timestamptz,
        ADD COLUMN norm_within boolean`);
    await queryRunner.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_trigger_check`);
    await queryRunner.query(`
      ALTER TABLE escalations ADD CONSTRAINT escalations_trigger_check
        CHECK (trigger IN (${TRIGGERS_BEFORE}, 'case-overdue'))`);
    await queryRunner.query(`
      ALTER TABLE case_facts
        ADD COLUMN intensity varchar(16),
        ADD COLUMN norm_within boolean,
        ADD COLUMN norm_suspended_ms bigint NOT NULL DEFAULT 0`);
    // Facts of cases ended before: their intensity is known, their norm was never run.
    await queryRunner.query(
      `UPDATE case_facts f SET intensity = c.intensity FROM cases c WHERE c.id = f.case_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE case_facts DROP COLUMN intensity, DROP COLUMN norm_within,
        DROP COLUMN norm_suspended_ms`);
    await queryRunner.query(`DELETE FROM escalations WHERE trigger = 'case-overdue'`);
    await queryRunner.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_trigger_check`);
    await queryRunner.query(`
      ALTER TABLE escalations ADD CONSTRAINT escalations_trigger_check
        CHECK (trigger IN (${TRIGGERS_BEFORE}))`);
    await queryRunner.query(`
      ALTER TABLE cases DROP COLUMN norm_enforced, DROP COLUMN norm_due_at,
        DROP COLUMN norm_escalation_at, DROP COLUMN norm_suspended_since,
        DROP COLUMN norm_suspended_ms, DROP COLUMN norm_extended, DROP COLUMN norm_warned_at,
        DROP COLUMN norm_overdue_at, DROP COLUMN norm_within`);
  }
}
