/** The signed-in user's in-app notifications (issue 14). */
import type { HttpClient } from './http-client';
import type { components } from './schema';

/** As the API documents them (schema.d.ts, generated from the OpenAPI document). */
export type AppNotification = components['schemas']['NotificationDto'];
export type NotificationPage = components['schemas']['NotificationPageDto'];

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
