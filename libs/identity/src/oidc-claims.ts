import { parseGrantEntry, type GrantEntry, type OidcProvider } from '@schakel/config';
import type { Grant, UserRole } from '@schakel/database';

/** The parts of a provider's settings that decide which grants its claims may give. */
export type ClaimMapping = Pick<
  OidcProvider,
  'organisationClaim' | 'rolesClaim' | 'roleMapping' | 'organisations' | 'chains' | 'mayGrantAdmin'
>;

/** What a provider's limits mean against the platform's records. */
export interface ProviderReach {
  /** Whether the organisation exists; an unknown one is never granted. */
  organisationExists: (id: string) => boolean;
  /** The chains the provider's organisations are partners in, for a provider without `chains`. */
  partnerChains: readonly string[];
}

const CHAIN_ROLES: readonly UserRole[] = ['regisseur', 'operations', 'model-owner'];

const grantOf = ({ role, scope }: GrantEntry): Grant =>
  role === 'caseworker'
    ? { role, organisationId: scope, chainId: null }
    : { role, organisationId: null, chainId: scope };

/** A claim as a list of values: a JSON array, or a space- or comma-separated string. */
function valuesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((value) => typeof value === 'string');
  return typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : [];
}

/**
 * The grants the claims ask for, before the provider's limits: caseworker of the organisation in
 * the organisation claim, then per value of the roles claim its grants in the provider's role
 * mapping, or without a mapping the value itself when it reads `regisseur|operations|model-owner:<chainId>`.
 */
export function claimedGrants(claims: Record<string, unknown>, mapping: ClaimMapping): Grant[] {
  const grants: Grant[] = [];
  const organisation = mapping.organisationClaim ? claims[mapping.organisationClaim] : undefined;
  if (typeof organisation === 'string') {
    grants.push({ role: 'caseworker', organisationId: organisation, chainId: null });
  }
  for (const value of valuesOf(mapping.rolesClaim ? claims[mapping.rolesClaim] : undefined)) {
    if (mapping.roleMapping) {
      grants.push(...(mapping.roleMapping[value] ?? []).map(grantOf));
      continue;
    }
    const entry = parseGrantEntry(value);
    if (entry && CHAIN_ROLES.includes(entry.role) && entry.scope) grants.push(grantOf(entry));
  }
  return grants;
}

const within = (limit: readonly string[] | '*' | undefined, id: string) =>
  limit === '*' || (limit?.includes(id) ?? false);

/**
 * Whether the provider may give this grant, or take over an account holding it: caseworker of
 * one of its organisations that exists; a chain role in one of its chains (every chain only with
 * `chains: ["*"]`); admin only with `mayGrantAdmin`.
 */
export function mayGrant(mapping: ClaimMapping, reach: ProviderReach, grant: Grant): boolean {
  if (grant.role === 'caseworker') {
    const organisation = grant.organisationId ?? '';
    return within(mapping.organisations, organisation) && reach.organisationExists(organisation);
  }
  if (grant.role === 'admin' && !mapping.mayGrantAdmin) return false;
  if (grant.chainId === null) return mapping.chains === '*' || grant.role === 'admin';
  return (
    within(mapping.chains, grant.chainId) ||
    (mapping.chains === undefined && reach.partnerChains.includes(grant.chainId))
  );
}

const keyOf = (grant: Grant) =>
  `${grant.role}|${grant.organisationId ?? ''}|${grant.chainId ?? ''}`;

/**
 * The grants an identity provider's token gives: what the claims ask for within the provider's
 * limits, without repeats, and one organisation at most (the first the claims name).
 */
export function grantsFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
  reach: ProviderReach,
): Grant[] {
  const grants = new Map<string, Grant>();
  for (const grant of claimedGrants(claims, mapping)) {
    const secondOrganisation =
      grant.role === 'caseworker' && [...grants.values()].some((g) => g.role === 'caseworker');
    if (!secondOrganisation && mayGrant(mapping, reach, grant)) grants.set(keyOf(grant), grant);
  }
  return [...grants.values()];
}

/** Whether two sets of grants are the same, in any order. */
export function sameGrants(a: Grant[], b: Grant[]): boolean {
  const left = new Set(a.map(keyOf));
  const right = new Set(b.map(keyOf));
  return left.size === right.size && [...left].every((entry) => right.has(entry));
}
