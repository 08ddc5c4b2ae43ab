import { Link } from 'react-router';
import { notificationsApi, type AppNotification } from '../../api/notifications-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useInterval } from '../../components/use-interval';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { notificationTarget } from './notification-target';

const REFRESH_MS = 30_000;

/** The link to the notification's task, or the remark that it moved on. */
function NotificationLink({
  notification,
  onOpen,
}: {
  notification: AppNotification;
  onOpen: () => void;
}) {
  const { t } = useI18n();
  const target = notificationTarget(notification);
  if (target.kind === 'none') return null;
  if (target.kind === 'moved') {
    return <span className="notification__moved">{t('notifications.noLongerYours')}</span>;
  }
  return (
    <Link to={paths.task(target.taskId)} onClick={onOpen}>
      {t('notifications.openTask')}
    </Link>
  );
}

/** Every notification of the signed-in user, newest first; unread ones stand out. */
export function NotificationsPage() {
  const { t, locale } = useI18n();
  const http = useHttp();
  const page = useAsync(() => notificationsApi.list(http), [http]);
  useInterval(page.reload, REFRESH_MS);

  async function markRead(notification: AppNotification) {
    if (!notification.readAt) await notificationsApi.markRead(http, notification.id);
    page.reload();
  }

  async function markAllRead() {
    await notificationsApi.markAllRead(http);
    page.reload();
  }

  return (
    <>
      <PageTitle title={t('notifications.title')}>
        <button type="button" className="button button--ghost" onClick={markAllRead}>
          {t('notifications.markAllRead')}
        </button>
      </PageTitle>
      <AsyncView
        result={page}
        isEmpty={(data) => data.items.length === 0}
        empty={t('notifications.empty')}
      >
        {(data) => (
          <ul className="notification-list" data-testid="notification-list">
            {data.items.map((notification) => (
              <li
                key={notification.id}
                className={`notification${notification.readAt ? '' : ' notification--unread'}`}
              >
                <div className="notification__title">{notification.title}</div>
                <div className="notification__body">{notification.body}</div>
                <div className="notification__meta">
                  <time dateTime={notification.createdAt}>
                    {formatDateTime(notification.createdAt, locale)}
                  </time>
                  <NotificationLink
                    notification={notification}
                    onOpen={() => void markRead(notification)}
                  />
                  {!notification.readAt && (
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => void markRead(notification)}
                    >
                      {t('notifications.markRead')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </>
  );
}
