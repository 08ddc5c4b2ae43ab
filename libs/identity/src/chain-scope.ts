import type { CaseReader, UserRole } from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';

/** The roles scoped to chains; a caseworker is scoped to an organisation instead. */
export type ChainRole = 'regisseur' | 'operations' | 'model-owner';

/** The platform admin owns every chain's model (uploads, publishes and retires them). */
const implied = (granted: UserRole, asked: UserRole): boolean =>
  granted === asked || (granted === 'admin' && asked === 'model-owner');

/** Whether the user holds the role in any scope. */
export const hasRole = (user: AuthenticatedUser, role: UserRole): boolean =>
  user.grants.some((grant) => implied(grant.role, role));

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

const CHAIN_ROLES: ChainRole[] = ['regisseur', 'operations', 'model-owner'];
