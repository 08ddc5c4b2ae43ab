import type { CurrentUser, UserRole } from './api/types';
import type { MessageKey } from './i18n/nl';

/** Paths inside the console (served under /app). */
export const paths = {
  home: '/',
  inbox: '/inbox',
  notifications: '/notifications',
  task: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`,
  escalations: '/escalations',
  escalation: (id: string) => `/escalations/${encodeURIComponent(id)}`,
  chainOverview: '/chain-overview',
  newCase: '/cases/new',
  caseView: (caseId: string) => `/cases/${encodeURIComponent(caseId)}`,
  dashboard: '/dashboard',
  models: '/models',
  model: (chainId: string, version: number) => `/models/${encodeURIComponent(chainId)}/${version}`,
  upload: '/models/upload',
  migration: '/models/migrate',
  people: '/admin/people',
  organisations: '/admin/organisations',
  scimClients: '/admin/scim-clients',
};

interface NavItem {
  to: string;
  label: MessageKey;
  roles: UserRole[];
  /** Shown to whoever holds an admin grant (of any chain), whatever their primary role. */
  anyAdmin?: boolean;
}

/** The menu: each role sees its own work first. */
export const NAV_ITEMS: NavItem[] = [
  { to: paths.inbox, label: 'nav.inbox', roles: ['caseworker'] },
  { to: paths.escalations, label: 'nav.escalations', roles: ['regisseur'] },
  { to: paths.chainOverview, label: 'nav.chainOverview', roles: ['regisseur'] },
  { to: paths.dashboard, label: 'nav.operations', roles: ['operations', 'regisseur'] },
  { to: paths.newCase, label: 'nav.newCase', roles: ['caseworker', 'regisseur'] },
  {
    to: paths.models,
    label: 'nav.models',
    roles: ['caseworker', 'regisseur', 'operations', 'admin'],
  },
  { to: paths.upload, label: 'nav.upload', roles: ['admin'] },
  { to: paths.migration, label: 'nav.migration', roles: ['admin'] },
  { to: paths.people, label: 'nav.people', roles: ['admin'], anyAdmin: true },
  { to: paths.organisations, label: 'nav.organisations', roles: ['admin'], anyAdmin: true },
  { to: paths.scimClients, label: 'nav.scimClients', roles: ['admin'] },
];

/** A chain's admin whose primary role is another one (caseworker first) still administers. */
export function holdsAdminGrant(user: Pick<CurrentUser, 'grants'>): boolean {
  return user.grants.some((grant) => grant.role === 'admin');
}

export function navItemsFor(user: Pick<CurrentUser, 'role' | 'grants'>): NavItem[] {
  const admin = holdsAdminGrant(user);
  return NAV_ITEMS.filter((item) => item.roles.includes(user.role) || (item.anyAdmin && admin));
}

/** Where a user lands after signing in: the first page of their primary role. */
export function homeFor(role: UserRole): string {
  return NAV_ITEMS.find((item) => item.roles.includes(role))?.to ?? paths.models;
}
