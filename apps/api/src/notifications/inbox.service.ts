import { Injectable, NotFoundException } from '@nestjs/common';
import { NotificationRepository, TaskRepository, type NotificationEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import {
  taskIdOf,
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
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly tasks: TaskRepository,
  ) {}

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
      items: await this.withTaskState(user, items),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
      unreadCount,
    };
  }

  async markRead(user: AuthenticatedUser, id: string): Promise<NotificationDto> {
    const notification = await this.notifications.markRead(user.id, id);
    if (!notification) throw new NotFoundException(`Notification ${id} not found`);
    const [dto] = await this.withTaskState(user, [notification]);
    return dto;
  }

  async markAllRead(user: AuthenticatedUser): Promise<MarkedReadDto> {
    return { marked: await this.notifications.markAllRead(user.id) };
  }

  /**
   * Tells per notification whether its task is still the reader's: open and held by their
   * organisation. A notification outlives its task's turn with you; the console says so.
   */
  private async withTaskState(
    user: AuthenticatedUser,
    notifications: NotificationEntity[],
  ): Promise<NotificationDto[]> {
    const ids = [...new Set(notifications.map(taskIdOf).filter((id) => id !== null))];
    const holders = new Map((await this.tasks.findHolders(ids)).map((task) => [task.id, task]));
    return notifications.map((notification) => {
      const taskId = taskIdOf(notification);
      const task = taskId ? holders.get(taskId) : undefined;
      const yours = task
        ? task.status === 'open' && task.partnerId === user.organisationId
        : taskId
          ? false
          : null;
      return toNotificationDto(notification, yours);
    });
  }
}
