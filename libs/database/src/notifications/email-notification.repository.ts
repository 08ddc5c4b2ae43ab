import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { EmailNotificationEntity } from './email-notification.entity';
import type { EmailMode } from './email-subscription.entity';

export interface EmailContent {
  eventId: string;
  title: string;
  link: string;
}

/** An e-mail to send now: the row and where it goes. */
export interface PendingEmail {
  id: string;
  address: string;
  title: string;
  link: string;
}

/** A daily digest: one subscription's unsent items, oldest first. */
export interface PendingDigest {
  subscriptionId: string;
  address: string;
  items: { id: string; title: string; link: string }[];
}

@Injectable()
export class EmailNotificationRepository {
  constructor(
    @InjectRepository(EmailNotificationEntity)
    private readonly rows: Repository<EmailNotificationEntity>,
  ) {}

  /**
   * Records the event for every e-mail subscription it concerns: the organisations', and the
   * people's who received it in-app (so their notifications are written first). Idempotent per
   * subscription and event. Returns the unsent rows of this event with their subscription's mode.
   */
  async createForEvent(
    content: EmailContent,
    organisationIds: string[],
  ): Promise<{ id: string; mode: EmailMode }[]> {
    await this.rows.query(
      `INSERT INTO email_notifications (subscription_id, event_id, title, link)
       SELECT s.id, $1::varchar, $2::varchar, $3::varchar FROM email_subscriptions s
       WHERE s.organisation_id = ANY($4::varchar[])
          OR s.user_id IN (SELECT recipient_id FROM notifications WHERE event_id = $1::varchar)
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [content.eventId, content.title, content.link, organisationIds],
    );
    return this.rows.query(
      `SELECT n.id, s.mode FROM email_notifications n
       JOIN email_subscriptions s ON s.id = n.subscription_id
       WHERE n.event_id = $1 AND n.status = 'pending'`,
      [content.eventId],
    );
  }

  /** An unsent e-mail with its address; null once sent (or unsubscribed meanwhile). */
  async findPending(id: string): Promise<PendingEmail | null> {
    const [row] = await this.rows.query<PendingEmail[]>(
      `SELECT n.id, s.address, n.title, n.link FROM email_notifications n
       JOIN email_subscriptions s ON s.id = n.subscription_id
       WHERE n.id = $1 AND n.status = 'pending'`,
      [id],
    );
    return row ?? null;
  }

  /** Unsent items of every daily subscription, grouped per subscription. */
  async pendingDigests(): Promise<PendingDigest[]> {
    const rows = await this.rows.query<
      { subscriptionId: string; address: string; id: string; title: string; link: string }[]
    >(
      `SELECT s.id AS "subscriptionId", s.address, n.id, n.title, n.link
       FROM email_notifications n JOIN email_subscriptions s ON s.id = n.subscription_id
       WHERE n.status = 'pending' AND s.mode = 'daily'
       ORDER BY s.id, n.created_at, n.id`,
    );
    const digests = new Map<string, PendingDigest>();
    for (const { subscriptionId, address, id, title, link } of rows) {
      const digest = digests.get(subscriptionId) ?? { subscriptionId, address, items: [] };
      digest.items.push({ id, title, link });
      digests.set(subscriptionId, digest);
    }
    return [...digests.values()];
  }

  async markSent(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.rows.update({ id: In(ids) }, { status: 'sent', sentAt: () => 'now()' });
  }
}
