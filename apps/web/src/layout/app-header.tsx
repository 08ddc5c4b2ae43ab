import { NavLink } from 'react-router';
import { useAuth, useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { navItemsFor } from '../routes';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from './notification-bell';

/** Who you are, your organisation and role, and where you can go. */
export function AppHeader() {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const user = useCurrentUser();
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <span className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true">
            ◆
          </span>
          {t('app.name')}
        </span>
        <nav aria-label={t('app.mainNav')} className="app-nav">
          <ul>
            {navItemsFor(user).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/models'}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-header__user" data-testid="current-user">
          <span className="app-header__name">
            {t('header.signedInAs', { name: user.displayName })}
          </span>
          <span className="app-header__meta">
            <span>{user.organisationId ?? t('header.noOrganisation')}</span>
            <span aria-hidden="true"> · </span>
            <span>{t(`role.${user.role}`)}</span>
          </span>
        </div>
        <NotificationBell />
        <LanguageSwitch />
        <button type="button" className="button button--ghost" onClick={() => void signOut()}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
