import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/auth-context';
import { OidcCallback } from './auth/oidc-callback';
import { OIDC_CALLBACK_PATH } from './auth/oidc';
import { SignInPage } from './auth/sign-in-page';
import { Loading } from './components/states';
import { I18nProvider } from './i18n/i18n-context';
import { SignedInRoutes } from './signed-in-routes';

function Gate() {
  const { session } = useAuth();
  if (session.state === 'loading') return <Loading />;
  return (
    <Routes>
      <Route path={OIDC_CALLBACK_PATH} element={<OidcCallback />} />
      <Route
        path="*"
        element={
          session.state === 'signedIn' ? (
            <SignedInRoutes />
          ) : (
            <SignInPage expired={session.expired} />
          )
        }
      />
    </Routes>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
          <Gate />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
