import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles become grants: a user holds any number of them, each scoped to an organisation
 * (caseworker), or to one chain or every chain (regisseur, operations, model owner, admin: an
 * admin of every chain is the platform admin). Users and organisations can be deactivated; a user's token version revokes
 * every token issued before it was raised.
 */
export class ChainScopedRoles1764840000000 implements MigrationInterface {
  name = 'ChainScopedRoles1764840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await queryRunner.query(`
      ALTER TABLE users
        ALTER COLUMN role DROP NOT NULL,
        ADD CONSTRAINT users_role_check
          CHECK (role IN ('caseworker', 'regisseur', 'operations', 'model-owner', 'admin')),
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN deactivated_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE role_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL
          CHECK (role IN ('caseworker', 'regisseur', 'operations', 'model-owner', 'admin')),
        organisation_id varchar(64) REFERENCES organisations(id),
        chain_id varchar(64),
        granted_by uuid REFERENCES users(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT caseworker_grant_names_organisation
          CHECK ((role = 'caseworker') = (organisation_id IS NOT NULL)),
        CONSTRAINT only_chain_roles_name_a_chain
          CHECK (chain_id IS NULL OR role IN ('regisseur', 'operations', 'model-owner', 'admin'))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX role_grants_unique_idx
        ON role_grants (user_id, role, COALESCE(organisation_id, ''), COALESCE(chain_id, ''))`);
    await queryRunner.query(`CREATE INDEX role_grants_chain_idx ON role_grants (chain_id)`);
    // Today's roles were chain-wide: they become grants for every chain (chain_id NULL).
    await queryRunner.query(`
      INSERT INTO role_grants (user_id, role, organisation_id)
      SELECT id, role, organisation_id FROM users`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE role_grants`);
    await queryRunner.query(
      `ALTER TABLE organisations DROP COLUMN active, DROP COLUMN deactivated_at`,
    );
    await queryRunner.query(`
      ALTER TABLE users DROP COLUMN active, DROP COLUMN deactivated_at, DROP COLUMN token_version,
        DROP CONSTRAINT users_role_check`);
    await queryRunner.query(`DELETE FROM users WHERE role IS NULL OR role = 'model-owner'`);
    await queryRunner.query(`
      ALTER TABLE users ALTER COLUMN role SET NOT NULL, ADD CONSTRAINT users_role_check
        CHECK (role IN ('caseworker', 'regisseur', 'operations', 'admin'))`);
  }
}
