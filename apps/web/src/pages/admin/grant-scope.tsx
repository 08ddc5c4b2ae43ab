import type { GrantInput } from '../../api/admin-api';
import type { GrantRole, RoleGrant } from '../../api/types';

/** The roles an admin can give, in the order the form offers them. */
export const GRANT_ROLES: GrantRole[] = [
  'caseworker',
  'regisseur',
  'operations',
  'model-owner',
  'admin',
];

/** The platform admin holds the admin role for every chain (docs/identity.md). */
export function isPlatformAdmin(grants: RoleGrant[]): boolean {
  return grants.some((grant) => grant.role === 'admin' && grant.chainId === null);
}

/**
 * The chains whose roles this admin may give: every chain for the platform admin, else the chains
 * they administer. The API refuses anything else (403); the form does not offer it.
 */
export function grantableChains(grants: RoleGrant[], chainIds: string[]): string[] {
  if (isPlatformAdmin(grants)) return chainIds;
  const administered = new Set(
    grants.flatMap((grant) => (grant.role === 'admin' && grant.chainId ? [grant.chainId] : [])),
  );
  return chainIds.filter((chainId) => administered.has(chainId));
}

/** What the grant form holds: a role and its scope (an organisation, a chain or '' for every chain). */
export interface GrantChoice {
  role: GrantRole;
  scope: string;
}

/** The body of the grant: a caseworker names the organisation, a chain role its chain. */
export function grantInput({ role, scope }: GrantChoice): GrantInput {
  if (role === 'caseworker') return { role, organisationId: scope };
  return scope ? { role, chainId: scope } : { role };
}
