import type { CaseReader, UserRole } from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * The roles scoped to chains; a caseworker is scoped to an organisation instead. An admin of a
 * chain manages its people and grants; an admin of every chain is the platform admin.
 */
export type ChainRole = 'regisseur' | 'operations' | 'model-owner' | 'admin';

/** An admin also owns the models of the chains they administer. */
const implied = (granted: UserRole, asked: UserRole): boolean =>
  granted === asked || (granted === 'admin' && asked === 'model-owner');

/**
 * Whether the user holds the role in some scope; `admin` only as platform admin (a chain's
 * admin passes no `@Roles('admin')` route: the admin API checks their chains itself).
 */
export const hasRole = (user: AuthenticatedUser, role: UserRole): boolean =>
  user.grants.some(
    (grant) => implied(grant.role, role) && (role !== 'admin' || grant.chainId === null),
  );

export const isPlatformAdmin = (user: AuthenticatedUser): boolean => hasRole(user, 'admin');

/**
 * The chains in which the user holds one of these roles; null means every chain (a grant
 * without a chain, or the platform admin for `model-owner`); an empty list means none.
 */
export function chainsFor(user: AuthenticatedUser, ...roles: ChainRole[]): string[] | null {
  const grants = user.grants.filter((grant) => roles.some((role) => implied(grant.role, role)));
  if (grants.some((grant) => grant.chainId === null)) return null;
  return [...new Set(grants.map((grant) => grant.chainId as string))].sort();
}

/** Whether the user holds one of these roles for this chain. */
export function actsFor(user: AuthenticatedUser, chainId: string, ...roles: ChainRole[]): boolean {
  const chains = chainsFor(user, ...roles);
  return chains === null || chains.includes(chainId);
}

/**
 * What the user may read of cases and models: as a caseworker, what their organisation is
 * involved in; in a chain role, that chain's. Either suffices.
 */
export const readerOf = (user: AuthenticatedUser, ...roles: ChainRole[]): Required<CaseReader> => ({
  organisationId: hasRole(user, 'caseworker') ? user.organisationId : null,
  chainIds: chainsFor(user, ...(roles.length ? roles : CHAIN_ROLES)),
});

const CHAIN_ROLES: ChainRole[] = ['regisseur', 'operations', 'model-owner', 'admin'];
