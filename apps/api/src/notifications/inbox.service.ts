import { Injectable, NotFoundException } from '@nestjs/common';
import { NotificationRepository } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import {
  toNotificationDto,
  type ListNotificationsQueryDto,
  type MarkedReadDto,
  type NotificationDto,
  type NotificationPageDto,
} from './notification.dto';

const DEFAULT_PAGE_SIZE = 20;

/** Each user's own in-app notifications; nobody sees or touches another user's. */
@Injectable()
export class InboxService {
  constructor(private readonly notifications: NotificationRepository) {}

  async list(
    user: AuthenticatedUser,
    query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One row more than asked tells whether there is a next page without counting.
    const [rows, unreadCount] = await Promise.all([
      this.notifications.listForRecipient(user.id, {
        unreadOnly: query.unread ?? false,
        limit: limit + 1,
        after: query.cursor,
      }),
      this.notifications.countUnread(user.id),
    ]);
    const items = rows.slice(0, limit);
    return {
      items: items.map(toNotificationDto),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
      unreadCount,
    };
  }

  async markRead(user: AuthenticatedUser, id: string): Promise<NotificationDto> {
    const notification = await this.notifications.markRead(user.id, id);
    if (!notification) throw new NotFoundException(`Notification ${id} not found`);
    return toNotificationDto(notification);
  }

  async markAllRead(user: AuthenticatedUser): Promise<MarkedReadDto> {
    return { marked: await this.notifications.markAllRead(user.id) };
  }
}
