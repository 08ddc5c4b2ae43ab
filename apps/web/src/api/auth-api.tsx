import type { HttpClient } from './http-client';
import type { components } from './schema';
import type { CurrentUser, Token } from './types';

/** How to sign in here, as the API documents it (schema.d.ts, generated from the OpenAPI document). */
export type SignInOptions = components['schemas']['SignInOptionsDto'];
export type IdentityProvider = components['schemas']['IdentityProviderDto'];

export const authApi = {
  providers: (http: HttpClient) => http.get<SignInOptions>('/auth/providers'),
  login: (http: HttpClient, username: string, password: string) =>
    http.post<Token>('/auth/login', { username, password }),
  me: (http: HttpClient) => http.get<CurrentUser>('/auth/me'),
  /** Revokes every token of the signed-in person at once. */
  logout: (http: HttpClient) => http.post<void>('/auth/logout'),
};
