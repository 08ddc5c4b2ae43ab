import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyAnswerText1764810000001 implements MigrationInterface {
  name = 'IdempotencyAnswerText1764810000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The stored answer is JSON as text: jsonb refuses the NUL escape that an answer echoing the
    // caller's input may hold (a 400 naming an unknown property with a NUL answered 500).
    await queryRunner.query(
      `ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE text USING response_body::text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE jsonb USING response_body::jsonb`,
    );
  }
}
