import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764200000000 implements MigrationInterface {
  name = 'Identity1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id varchar(64) PRIMARY KEY,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(200) NOT NULL UNIQUE,
        display_name varchar(200) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('caseworker', 'regisseur', 'operations', 'admin')),
        organisation_id varchar(64) REFERENCES organisations(id),
        password_hash varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT caseworker_has_one_organisation
          CHECK ((role = 'caseworker') = (organisation_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX users_organisation_idx ON users (organisation_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE organisations`);
  }
}
