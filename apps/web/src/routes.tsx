import type { UserRole } from './api/types';
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
  people: '/admin/people',
  organisations: '/admin/organisations',
  scimClients: '/admin/scim-clients',
};

interface NavItem {
  to: string;
  label: MessageKey;
  roles: UserRole[];
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
  { to: paths.people, label: 'nav.people', roles: ['admin'] },
  { to: paths.organisations, label: 'nav.organisations', roles: ['admin'] },
  { to: paths.scimClients, label: 'nav.scimClients', roles: ['admin'] },
];

export function navItemsFor(role: UserRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** Where a user lands after signing in. */
export function homeFor(role: UserRole): string {
  return navItemsFor(role)[0]?.to ?? paths.models;
}
