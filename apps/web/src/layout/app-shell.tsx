import { Suspense, useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Loading } from '../components/states';
import { useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';

/** Header, skip link and the page; focus moves to the new page's title on navigation. */
export function AppShell() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
