import { useCallback, useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { notificationsApi } from '../api/notifications-api';
import { useHttp } from '../auth/auth-context';
import { useInterval } from '../components/use-interval';
import { useI18n } from '../i18n/i18n-context';
import { paths } from '../routes';

const REFRESH_MS = 30_000;

/** The header's way to the notifications, with how many are unread (kept fresh by polling). */
export function NotificationBell() {
  const { t } = useI18n();
  const http = useHttp();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    notificationsApi.unreadCount(http).then(setUnread, () => undefined);
  }, [http]);
  useEffect(refresh, [refresh, location]);
  useInterval(refresh, REFRESH_MS);
  return (
    <NavLink to={paths.notifications} className="notification-bell" data-testid="notification-bell">
      {t('notifications.title')}
      {/* The name read out starts with the words shown (WCAG 2.5.3), then says what the badge means. */}
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread}
        </span>
      )}
      <span className="visually-hidden">{t('notifications.bellUnread', { count: unread })}</span>
    </NavLink>
  );
}
