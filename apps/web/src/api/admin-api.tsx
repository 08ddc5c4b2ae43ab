/** The admin API (issue 13): organisations, people with their role grants, SCIM clients. */
import { once, type HttpClient } from './http-client';
import type { GrantRole, RoleGrant } from './types';

export interface Organisation {
  id: string;
  name: string;
  active: boolean;
  deactivatedAt: string | null;
}

export interface PersonGrant extends RoleGrant {
  id: string;
}

export interface Person {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  deactivatedAt: string | null;
  grants: PersonGrant[];
}

/** A grant to give: a caseworker names the organisation, a chain role the chain (absent: every chain). */
export interface GrantInput {
  role: GrantRole;
  organisationId?: string;
  chainId?: string;
}

export interface NewPerson {
  username: string;
  displayName: string;
  password?: string;
  grants: GrantInput[];
}

export interface PersonChange {
  displayName?: string;
  password?: string;
}

export interface ScimClient {
  id: string;
  name: string;
  organisationIds: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** The token is in this answer only; the server keeps its hash. */
export interface IssuedScimClient extends ScimClient {
  token: string;
}

interface Page<T> {
  items: T[];
  total: number;
}

/** The most the API returns in one page. */
const PAGE_LIMIT = 200;
const enc = encodeURIComponent;

export const adminApi = {
  organisations: (http: HttpClient) =>
    http.get<Page<Organisation>>('/admin/organisations', { query: { limit: PAGE_LIMIT } }),
  createOrganisation: (http: HttpClient, organisation: { id: string; name: string }) =>
    http.post<Organisation>('/admin/organisations', organisation, once()),
  renameOrganisation: (http: HttpClient, id: string, name: string) =>
    http.patch<Organisation>(`/admin/organisations/${enc(id)}`, { name }),
  deactivateOrganisation: (http: HttpClient, id: string) =>
    http.post<{ releasedTasks: number }>(`/admin/organisations/${enc(id)}/deactivate`),

  people: (http: HttpClient, organisationId?: string) =>
    http.get<Page<Person>>('/admin/people', { query: { limit: PAGE_LIMIT, organisationId } }),
  createPerson: (http: HttpClient, person: NewPerson) =>
    http.post<Person>('/admin/people', person, once()),
  updatePerson: (http: HttpClient, id: string, change: PersonChange) =>
    http.patch<Person>(`/admin/people/${enc(id)}`, change),
  deactivatePerson: (http: HttpClient, id: string) =>
    http.post<{ releasedTasks: number }>(`/admin/people/${enc(id)}/deactivate`),
  grant: (http: HttpClient, id: string, grant: GrantInput) =>
    http.post<Person>(`/admin/people/${enc(id)}/grants`, grant),
  revoke: (http: HttpClient, id: string, grantId: string) =>
    http.delete<Person>(`/admin/people/${enc(id)}/grants/${enc(grantId)}`),

  scimClients: (http: HttpClient) => http.get<ScimClient[]>('/admin/scim-clients'),
  issueScimClient: (http: HttpClient, client: { name: string; organisationIds: string[] }) =>
    http.post<IssuedScimClient>('/admin/scim-clients', client, once()),
  revokeScimClient: (http: HttpClient, id: string) =>
    http.delete<void>(`/admin/scim-clients/${enc(id)}`),
};
