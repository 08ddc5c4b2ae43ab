import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { authApi } from '../api/auth-api';
import { HttpClient } from '../api/http-client';
import type { CurrentUser } from '../api/types';
import { endOidcSession } from './oidc';

const TOKEN_KEY = 'schakel.token';

type Session =
  | { state: 'loading' }
  | { state: 'signedOut'; expired: boolean }
  | { state: 'signedIn'; user: CurrentUser };

interface Auth {
  session: Session;
  http: HttpClient;
  signIn: (token: string) => Promise<void>;
  /** Revokes the tokens, forgets them, and ends the identity provider's session where there is one. */
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the bearer token (for this browser tab only) and who it belongs to. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const token = useRef<string | null>(sessionStorage.getItem(TOKEN_KEY));
  const [session, setSession] = useState<Session>(
    token.current ? { state: 'loading' } : { state: 'signedOut', expired: false },
  );

  const forget = useCallback((expired: boolean) => {
    token.current = null;
    sessionStorage.removeItem(TOKEN_KEY);
    setSession({ state: 'signedOut', expired });
  }, []);

  const http = useMemo(
    () =>
      new HttpClient(
        () => token.current,
        () => forget(true),
      ),
    [forget],
  );

  const signIn = useCallback(
    async (accessToken: string) => {
      token.current = accessToken;
      sessionStorage.setItem(TOKEN_KEY, accessToken);
      try {
        setSession({ state: 'signedIn', user: await authApi.me(http) });
      } catch (error) {
        forget(false);
        throw error;
      }
    },
    [http, forget],
  );

  useEffect(() => {
    if (!token.current) return;
    authApi
      .me(http)
      .then((user) => setSession({ state: 'signedIn', user }))
      .catch(() => forget(true));
  }, [http, forget]);

  const signOut = useCallback(async () => {
    // Best effort: a token that stopped working is as good as revoked.
    await authApi.logout(http).catch(() => undefined);
    forget(false);
    await endOidcSession().catch(() => false);
  }, [http, forget]);

  const value = useMemo<Auth>(
    () => ({ session, http, signIn, signOut }),
    [session, http, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

/** The signed-in user; only for pages behind the sign-in. */
export function useCurrentUser(): CurrentUser {
  const { session } = useAuth();
  if (session.state !== 'signedIn') throw new Error('useCurrentUser while signed out');
  return session.user;
}

export function useHttp(): HttpClient {
  return useAuth().http;
}
