import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceModels1764250000000 implements MigrationInterface {
  name = 'ReferenceModels1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One working copy per chain; it may still have semantic problems (publish refuses those).
    await queryRunner.query(`
      CREATE TABLE model_drafts (
        chain_id varchar(64) PRIMARY KEY,
        document jsonb NOT NULL,
        source text NOT NULL,
        source_format varchar(4) NOT NULL CHECK (source_format IN ('yaml', 'json')),
        based_on_version integer,
        updated_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Published versions are immutable; only the status may move from published to retired.
    await queryRunner.query(`
      CREATE TABLE model_versions (
        chain_id varchar(64) NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        chain_name varchar(200) NOT NULL,
        document jsonb NOT NULL,
        source text NOT NULL,
        source_format varchar(4) NOT NULL CHECK (source_format IN ('yaml', 'json')),
        partner_ids text[] NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'retired')),
        published_by uuid NOT NULL REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        retired_by uuid REFERENCES users(id),
        retired_at timestamptz,
        retire_reason text,
        PRIMARY KEY (chain_id, version)
      )`);
    await queryRunner.query(
      `CREATE INDEX model_versions_partners_idx ON model_versions USING gin (partner_ids)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION model_versions_immutable() RETURNS trigger AS $$
      BEGIN
        IF NEW.document IS DISTINCT FROM OLD.document OR NEW.source IS DISTINCT FROM OLD.source
           OR NEW.version IS DISTINCT FROM OLD.version OR NEW.chain_id IS DISTINCT FROM OLD.chain_id THEN
          RAISE EXCEPTION 'a published model version is immutable';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER model_versions_immutable BEFORE UPDATE ON model_versions
      FOR EACH ROW EXECUTE FUNCTION model_versions_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE model_versions`);
    await queryRunner.query(`DROP FUNCTION model_versions_immutable`);
    await queryRunner.query(`DROP TABLE model_drafts`);
  }
}
