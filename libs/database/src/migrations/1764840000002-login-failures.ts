import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins per account and per address, for throttling (shared by every API replica). */
export class LoginFailures1764840000002 implements MigrationInterface {
  name = 'LoginFailures1764840000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failures (
        key varchar(300) PRIMARY KEY,
        failures integer NOT NULL,
        window_started timestamptz NOT NULL,
        locked_until timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_failures`);
  }
}
