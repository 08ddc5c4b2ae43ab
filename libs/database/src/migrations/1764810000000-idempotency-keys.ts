import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1764810000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): one row per caller, route and
    // key; the fingerprint tells a retry from a reuse with another request, the stored response is
    // replayed to a retry. In flight until the first request answers; removed when it ends in a 5xx.
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        route varchar(200) NOT NULL,
        key varchar(255) NOT NULL,
        fingerprint char(64) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('in-flight', 'completed')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (user_id, route, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`,
    );
    // The draft allows keys up to 255 characters; intake kept 200 (a longer key answered 500).
    await queryRunner.query(`ALTER TABLE cases ALTER COLUMN idempotency_key TYPE varchar(255)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ALTER COLUMN idempotency_key TYPE varchar(200)`);
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
