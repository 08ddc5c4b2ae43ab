import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SCIM provisioning: the clients (one per identity provider) an admin issues a bearer token to,
 * stored only as its SHA-256 hash, with the organisations the client may provision people for.
 * Users remember their SCIM externalId, which client provisioned them, and whether the client
 * deleted them (deactivated for good; the row stays so their name stays on past events). A SCIM
 * client may leave `displayName` and `active` unassigned (RFC 7644 §3.5.2.2 remove): the name
 * then falls back to the username and the person counts as active.
 */
export class ScimClients1764840000001 implements MigrationInterface {
  name = 'ScimClients1764840000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scim_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        organisation_ids varchar(64)[] NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN external_id varchar(200),
        ADD COLUMN scim_client_id uuid REFERENCES scim_clients(id),
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN active_stated boolean NOT NULL DEFAULT true,
        ALTER COLUMN display_name DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX users_scim_client_idx ON users (scim_client_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users DROP COLUMN external_id, DROP COLUMN scim_client_id, DROP COLUMN deleted_at,
         DROP COLUMN active_stated`,
    );
    await queryRunner.query(`DROP TABLE scim_clients`);
  }
}
