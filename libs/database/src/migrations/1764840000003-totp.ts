import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP second factor (RFC 6238) for local accounts: the shared secret (pending until the first
 * code confirms it), when it was confirmed, and the last time step used (a code works once).
 */
export class Totp1764840000003 implements MigrationInterface {
  name = 'Totp1764840000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret varchar(64),
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step`,
    );
  }
}
