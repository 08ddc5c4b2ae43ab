import { useEffect, useState } from 'react';
import { authApi, type SignInOptions } from '../api/auth-api';
import { useAuth } from './auth-context';

export type SignInOptionsState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; options: SignInOptions };

/** How this deployment lets people sign in (GET /auth/providers), asked once per page. */
export function useSignInOptions(): SignInOptionsState {
  const { http } = useAuth();
  const [options, setOptions] = useState<SignInOptionsState>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    authApi.providers(http).then(
      (answer) => current && setOptions({ state: 'ready', options: answer }),
      (error: unknown) => current && setOptions({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [http]);
  return options;
}
