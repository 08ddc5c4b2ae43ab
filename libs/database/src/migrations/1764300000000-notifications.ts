import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764300000000 implements MigrationInterface {
  name = 'Notifications1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per recipient of an event; (event_id, recipient_id) makes a re-delivered event a no-op.
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id varchar(200) NOT NULL,
        recipient_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organisation_id varchar(64) REFERENCES organisations(id) ON DELETE CASCADE,
        kind varchar(64) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        case_id varchar(100),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notifications_event_recipient_unique UNIQUE (event_id, recipient_id)
      )`);
    // The unread inbox and the full inbox, both newest first with the id as tie-breaker for paging.
    await queryRunner.query(
      `CREATE INDEX notifications_recipient_unread_idx ON notifications (recipient_id, read_at, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_recipient_created_idx ON notifications (recipient_id, created_at DESC, id DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        organisation_id varchar(64) PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        url varchar(2000) NOT NULL,
        secret varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        event_kinds text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The record of every delivery, kept after success or failure so admins can list and retry.
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id varchar(64) NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        event_id varchar(200) NOT NULL,
        event_kind varchar(64) NOT NULL,
        case_id varchar(100),
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        status varchar(20) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        manual_retries integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_organisation_event_unique UNIQUE (organisation_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (status, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_organisation_idx ON webhook_deliveries (organisation_id, status, created_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_subscriptions`);
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
