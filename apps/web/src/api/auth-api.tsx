import type { HttpClient } from './http-client';
import type { CurrentUser, Token } from './types';

export const authApi = {
  login: (http: HttpClient, username: string, password: string) =>
    http.post<Token>('/auth/login', { username, password }),
  me: (http: HttpClient) => http.get<CurrentUser>('/auth/me'),
};
