import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { authApi } from '../api/auth-api';
import { ErrorMessage } from '../components/error-message';
import { useI18n } from '../i18n/i18n-context';
import { Loading } from '../components/states';
import { useAuth } from './auth-context';
import { startOidcSignIn } from './oidc';
import { useSignInOptions } from './sign-in-options';

const DEMO_EXAMPLES = 'gemeente.medewerker, regisseur, operations, admin';

/**
 * Sign-in: a button per identity provider the deployment offers, and the password form where
 * local accounts are offered (the demo users among them).
 */
export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { http, signIn } = useAuth();
  const signInOptions = useSignInOptions();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await authApi.login(http, username.trim(), password);
      await signIn(token.accessToken);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const wrongPassword = error instanceof ApiError && error.kind === 'signedOut';
  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <p className="sign-in__brand">
          <span aria-hidden="true">◆</span> {t('app.name')}
        </p>
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.intro')}</p>
        {expired && !error && <p className="notice notice--info">{t('error.signedOut')}</p>}
        {wrongPassword ? (
          <p className="notice notice--error" role="alert">
            {t('signIn.failed')}
          </p>
        ) : (
          error !== null && <ErrorMessage error={error} />
        )}
        {signInOptions.state === 'loading' && <Loading />}
        {signInOptions.state === 'failed' && <ErrorMessage error={signInOptions.error} />}
        {signInOptions.state === 'ready' && signInOptions.options.providers.length > 0 && (
          <div className="sign-in__providers">
            {signInOptions.options.providers.map((provider) => (
              <button
                key={provider.id}
                type="button"
                className="button button--primary"
                onClick={() => startOidcSignIn(provider).catch(setError)}
              >
                {t('signIn.oidc', { name: provider.name })}
              </button>
            ))}
          </div>
        )}
        {signInOptions.state === 'ready' && signInOptions.options.localAccounts && (
          <form onSubmit={submit} className="form">
            <div className="field">
              <label htmlFor="username">{t('signIn.username')}</label>
              <input
                id="username"
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('signIn.password')}</label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('signIn.busy') : t('signIn.submit')}
            </button>
            <p className="hint">
              {t('signIn.demoHint', { password: 'schakel-demo', examples: DEMO_EXAMPLES })}
            </p>
          </form>
        )}
      </div>
    </main>
  );
}
