import type { AppNotification } from '../../api/notifications-api';

export type NotificationTarget =
  { kind: 'task'; taskId: string } | { kind: 'moved' } | { kind: 'none' };

/** A notification leads to its task while the task is yours; otherwise it says it moved on. */
export function notificationTarget(
  notification: Pick<AppNotification, 'taskId' | 'taskIsYours'>,
): NotificationTarget {
  if (!notification.taskId) return { kind: 'none' };
  return notification.taskIsYours
    ? { kind: 'task', taskId: notification.taskId }
    : { kind: 'moved' };
}
