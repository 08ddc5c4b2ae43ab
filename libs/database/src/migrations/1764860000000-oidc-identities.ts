import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person who signs in through an identity provider is bound to that provider's subject (`sub`),
 * so another provider asserting the same username reaches a different account, or none. Signing
 * out records when: the providers' tokens carry no token version, so those issued until then are
 * refused by their issue time.
 */
export class OidcIdentities1764860000000 implements MigrationInterface {
  name = 'OidcIdentities1764860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN identity_provider varchar(64),
        ADD COLUMN identity_subject varchar(255),
        ADD COLUMN signed_out_at timestamptz,
        ADD CONSTRAINT users_identity_unique UNIQUE (identity_provider, identity_subject),
        ADD CONSTRAINT users_identity_complete
          CHECK ((identity_provider IS NULL) = (identity_subject IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users DROP COLUMN identity_provider, DROP COLUMN identity_subject, DROP COLUMN signed_out_at`,
    );
  }
}
