/** The signed-in user's in-app notifications (issue 14). */
import type { HttpClient } from './http-client';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  /** The task it is about, when it is about one. */
  taskId: string | null;
  /** Whether that task is still open at the reader's organisation (null: about no task). */
  taskIsYours: boolean | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

export const notificationsApi = {
  list: (http: HttpClient, query: { cursor?: string; limit?: number } = {}) =>
    http.get<NotificationPage>('/notifications', { query: { limit: 50, ...query } }),
  unreadCount: (http: HttpClient) =>
    http
      .get<NotificationPage>('/notifications', { query: { unread: 'true', limit: 1 } })
      .then((page) => page.unreadCount),
  markRead: (http: HttpClient, id: string) =>
    http.post<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: (http: HttpClient) => http.post<{ marked: number }>('/notifications/read-all'),
};
