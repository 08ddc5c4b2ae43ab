import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standard Webhooks and CloudEvents: webhook secrets are stored sealed (AES-256-GCM, key from config)
 * with room for the previous secret during a rotation, and deliveries know their chain (part of the
 * CloudEvents `source`). Secrets stored in clear until now cannot be sealed here (the key is not
 * the database's), and partners must switch to Standard Webhooks verification anyway: existing
 * subscriptions are paused without a secret, and saving them again issues a `whsec_` secret.
 */
export class WebhookStandards1764850000000 implements MigrationInterface {
  name = 'WebhookStandards1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE webhook_subscriptions
        ADD COLUMN secret_sealed text,
        ADD COLUMN secret_hint varchar(8),
        ADD COLUMN previous_secret_sealed text,
        ADD COLUMN previous_secret_expires_at timestamptz`);
    await queryRunner.query(`UPDATE webhook_subscriptions SET active = false`);
    await queryRunner.query(`ALTER TABLE webhook_subscriptions DROP COLUMN secret`);
    await queryRunner.query(`
      ALTER TABLE webhook_subscriptions
        ADD CONSTRAINT webhook_subscriptions_active_has_secret
        CHECK (NOT active OR secret_sealed IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE webhook_deliveries ADD COLUMN chain_id varchar(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_deliveries DROP COLUMN chain_id`);
    await queryRunner.query(
      `ALTER TABLE webhook_subscriptions DROP CONSTRAINT webhook_subscriptions_active_has_secret`,
    );
    // Sealed secrets cannot be opened here: subscriptions come back paused, to be saved again.
    await queryRunner.query(`DELETE FROM webhook_subscriptions`);
    await queryRunner.query(`
      ALTER TABLE webhook_subscriptions
        ADD COLUMN secret varchar(200) NOT NULL,
        DROP COLUMN secret_sealed,
        DROP COLUMN secret_hint,
        DROP COLUMN previous_secret_sealed,
        DROP COLUMN previous_secret_expires_at`);
  }
}
