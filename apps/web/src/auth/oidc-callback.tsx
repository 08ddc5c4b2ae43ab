import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/states';
import { useI18n } from '../i18n/i18n-context';
import { useAuth } from './auth-context';
import { finishOidcSignIn, oidcConfig } from './oidc';

/** Where the identity provider sends the browser back to. */
export function OidcCallback() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const { search } = useLocation();
  const [state, setState] = useState<'busy' | 'done' | 'failed'>('busy');
  useEffect(() => {
    const config = oidcConfig();
    if (!config) return setState('failed');
    finishOidcSignIn(config, search)
      .then(signIn)
      .then(
        () => setState('done'),
        () => setState('failed'),
      );
  }, [search, signIn]);
  if (state === 'done') return <Navigate to="/" replace />;
  if (state === 'failed') {
    return (
      <p className="notice notice--error" role="alert">
        {t('signIn.oidcFailed')}
      </p>
    );
  }
  return <Loading />;
}
