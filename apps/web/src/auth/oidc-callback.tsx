import { useEffect, useRef, useState } from 'react';
import { Navigate } from 'react-router';
import { Loading } from '../components/states';
import { useI18n } from '../i18n/i18n-context';
import { useAuth } from './auth-context';
import { finishOidcSignIn } from './oidc';
import { useSignInOptions } from './sign-in-options';

/** Where the identity provider sends the browser back to. */
export function OidcCallback() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const signInOptions = useSignInOptions();
  const [state, setState] = useState<'busy' | 'done' | 'failed'>('busy');
  // The code works once: StrictMode's second run of the effect must not trade it again.
  const traded = useRef(false);
  useEffect(() => {
    if (signInOptions.state === 'failed') return setState('failed');
    if (signInOptions.state !== 'ready' || traded.current) return;
    traded.current = true;
    finishOidcSignIn(signInOptions.options.providers, new URL(window.location.href))
      .then(signIn)
      .then(
        () => setState('done'),
        () => setState('failed'),
      );
  }, [signInOptions, signIn]);
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
