import type { Grant } from '@schakel/database';

export interface ClaimMapping {
  /** The claim naming the organisation the person is a caseworker of. */
  organisation?: string;
  /** The claim listing chain roles as `role:chainId`; other entries (groups) are ignored. */
  roles?: string;
}

const CHAIN_ROLE = /^(regisseur|operations|model-owner):([a-z0-9][a-z0-9-]{0,63})$/;

/**
 * The grants an identity provider's token asserts: caseworker of the organisation in the
 * organisation claim (when it is one we know), and every `role:chainId` entry of the roles claim.
 * Platform and chain admins are never granted this way.
 */
export function grantsFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
  knownOrganisation: (id: string) => boolean,
): Grant[] {
  const grants: Grant[] = [];
  const organisation = mapping.organisation ? claims[mapping.organisation] : undefined;
  if (typeof organisation === 'string' && knownOrganisation(organisation)) {
    grants.push({ role: 'caseworker', organisationId: organisation, chainId: null });
  }
  const listed = mapping.roles ? claims[mapping.roles] : undefined;
  const entries = Array.isArray(listed)
    ? listed
    : typeof listed === 'string'
      ? listed.split(/[\s,]+/)
      : [];
  for (const entry of entries) {
    const match = typeof entry === 'string' ? CHAIN_ROLE.exec(entry) : null;
    if (match) {
      grants.push({ role: match[1] as Grant['role'], organisationId: null, chainId: match[2] });
    }
  }
  return grants;
}

/** Whether two sets of grants are the same, in any order. */
export function sameGrants(a: Grant[], b: Grant[]): boolean {
  const key = (grant: Grant) =>
    `${grant.role}|${grant.organisationId ?? ''}|${grant.chainId ?? ''}`;
  const left = new Set(a.map(key));
  const right = new Set(b.map(key));
  return left.size === right.size && [...left].every((entry) => right.has(entry));
}
