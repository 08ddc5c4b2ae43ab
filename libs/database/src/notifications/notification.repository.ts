import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { UserRole } from '../identity/user.entity';
import { NotificationEntity } from './notification.entity';

export type NotificationContent = Pick<
  NotificationEntity,
  'eventId' | 'kind' | 'title' | 'body' | 'caseId' | 'payload'
>;

/**
 * Who one event reaches: the named users, or (when none are named) every user of the named
 * organisations; in both cases plus every user holding one of the chain-wide roles.
 */
export interface NotificationAudience {
  userIds: string[];
  organisationIds: string[];
  roles: UserRole[];
}

export interface NotificationInboxQuery {
  unreadOnly: boolean;
  limit: number;
  /** Id of the last notification of the previous page (keyset paging, newest first). */
  after?: string;
}

@Injectable()
export class NotificationRepository {
  constructor(
    @InjectRepository(NotificationEntity) private readonly rows: Repository<NotificationEntity>,
  ) {}

  /**
   * Writes the notification for every user in the audience in one statement; users who already
   * have it (same event id) are skipped, so a redelivered event is harmless. Returns how many were new.
   */
  async insertForAudience(
    content: NotificationContent,
    audience: NotificationAudience,
  ): Promise<number> {
    const inserted: unknown[] = await this.rows.query(
      `INSERT INTO notifications (event_id, recipient_id, organisation_id, kind, title, body, case_id, payload)
       SELECT $1, u.id, u.organisation_id, $2, $3, $4, $5, $6::jsonb
       FROM users u
       WHERE (CASE WHEN cardinality($7::uuid[]) > 0
                   THEN u.id = ANY($7::uuid[])
                   ELSE u.organisation_id = ANY($8::varchar[]) END)
          OR u.role = ANY($9::varchar[])
       ON CONFLICT (event_id, recipient_id) DO NOTHING
       RETURNING id`,
      [
        content.eventId,
        content.kind,
        content.title,
        content.body,
        content.caseId,
        JSON.stringify(content.payload),
        audience.userIds,
        audience.organisationIds,
        audience.roles,
      ],
    );
    return inserted.length;
  }

  listForRecipient(
    recipientId: string,
    query: NotificationInboxQuery,
  ): Promise<NotificationEntity[]> {
    const builder = this.rows
      .createQueryBuilder('n')
      .where('n.recipientId = :recipientId', { recipientId });
    if (query.unreadOnly) builder.andWhere('n.readAt IS NULL');
    if (query.after) {
      // Compared in the database so the cursor keeps PostgreSQL's microsecond precision.
      builder.andWhere(
        `(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notifications c
                                  WHERE c.id = :after AND c.recipient_id = :recipientId)`,
        { after: query.after },
      );
    }
    return builder
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(query.limit)
      .getMany();
  }

  countUnread(recipientId: string): Promise<number> {
    return this.rows.count({ where: { recipientId, readAt: IsNull() } });
  }

  /** Marks one of the recipient's notifications read (keeping the first read time); null if not theirs. */
  async markRead(recipientId: string, id: string): Promise<NotificationEntity | null> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND recipient_id = :recipientId', { id, recipientId })
      .execute();
    return this.rows.findOne({ where: { id, recipientId } });
  }

  async markAllRead(recipientId: string): Promise<number> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('recipient_id = :recipientId AND read_at IS NULL', { recipientId })
      .execute();
    return result.affected ?? 0;
  }
}
