import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail as a notification channel: opt-in per organisation (a team mailbox) and per person, each
 * immediate or as a daily digest; and one row per subscription and event, so an e-mail is sent at
 * most once and a digest knows what it still has to say.
 */
export class EmailNotifications1764851000000 implements MigrationInterface {
  name = 'EmailNotifications1764851000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE email_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id varchar(64) UNIQUE REFERENCES organisations(id) ON DELETE CASCADE,
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        address varchar(320) NOT NULL,
        mode varchar(10) NOT NULL CHECK (mode IN ('immediate', 'daily')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_subscriptions_one_owner CHECK ((organisation_id IS NULL) <> (user_id IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE email_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES email_subscriptions(id) ON DELETE CASCADE,
        event_id varchar(200) NOT NULL,
        title varchar(200) NOT NULL,
        link varchar(2000) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT email_notifications_subscription_event_unique UNIQUE (subscription_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX email_notifications_pending_idx ON email_notifications (subscription_id, created_at) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_notifications`);
    await queryRunner.query(`DROP TABLE email_subscriptions`);
  }
}
