import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { JWTPayload } from 'jose';
import type { OidcProvider } from '@schakel/config';
import {
  OrganisationRepository,
  UserRepository,
  type Grant,
  type UserEntity,
  type UserRole,
} from '@schakel/database';
import {
  claimedGrants,
  grantsFromClaims,
  mayGrant,
  sameGrants,
  type ProviderReach,
} from './oidc-claims';

/** The roles claims decide; admin only for a provider with `mayGrantAdmin`. */
const PROVISIONED_ROLES: UserRole[] = ['caseworker', 'regisseur', 'operations', 'model-owner'];
/** Tokens whose grants were brought in line already: claims only change with a new token. */
const SYNCED_TOKENS_KEPT = 10_000;

/**
 * The account an identity provider's token stands for. A person is bound to the provider and its
 * `sub` at their first sign-in; an existing account found by username is bound only when the
 * provider may manage every grant it holds (so a partner's provider cannot take over another
 * partner's people, or an admin). With a claim mapping the first sign-in creates the account, and
 * each new token brings its grants in line with the claims.
 */
@Injectable()
export class OidcAccounts {
  private readonly syncedTokens = new Set<string>();

  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async accountOf(provider: OidcProvider, payload: JWTPayload): Promise<UserEntity | null> {
    const subject = payload.sub;
    if (!subject) throw new UnauthorizedException('The bearer token names no subject (sub)');
    const provisions = Boolean(provider.organisationClaim || provider.rolesClaim);
    const bound = await this.users.findByIdentity(provider.id, subject);
    const user = bound ?? (await this.bindOrCreate(provider, subject, payload, provisions));
    if (!user?.active || !provisions || this.synced(payload)) return user;
    const desired = grantsFromClaims(payload, provider, await this.reachOf(provider, payload));
    const roles = provisionedRoles(provider);
    const current = (await this.users.grantsOf(user.id)).filter((grant) =>
      roles.includes(grant.role),
    );
    if (!sameGrants(current, desired))
      await this.users.replaceGrants(user.id, roles, desired, null);
    this.remember(payload);
    return sameGrants(current, desired) ? user : this.users.findById(user.id);
  }

  private async bindOrCreate(
    provider: OidcProvider,
    subject: string,
    payload: JWTPayload,
    provisions: boolean,
  ): Promise<UserEntity | null> {
    const username = usernameOf(provider, payload);
    if (!username) throw new UnauthorizedException(`The bearer token names no username`);
    const existing = await this.users.findByUsername(username);
    if (existing) {
      const grants = await this.users.grantsOf(existing.id);
      const reach = await this.reachOf(provider, payload, grants);
      if (existing.identityProvider || !grants.every((grant) => mayGrant(provider, reach, grant))) {
        throw new UnauthorizedException(
          `The account ${username} is not one this identity provider may sign in`,
        );
      }
      await this.users.bindIdentity(existing.id, provider.id, subject);
      return existing;
    }
    if (!provisions) return null;
    const displayName = typeof payload.name === 'string' ? payload.name : username;
    const created = await this.users.create(
      {
        username,
        displayName,
        passwordHash: null,
        identityProvider: provider.id,
        identitySubject: subject,
      },
      [],
      null,
    );
    // Two first requests at once: the other one created it.
    return created ?? this.users.findByIdentity(provider.id, subject);
  }

  /** The organisations and chains the grants in question touch, looked up once. */
  private async reachOf(
    provider: OidcProvider,
    payload: JWTPayload,
    held: Grant[] = [],
  ): Promise<ProviderReach> {
    const grants = [...held, ...claimedGrants(payload, provider)];
    const organisationIds = [
      ...new Set(grants.map((grant) => grant.organisationId).filter((id) => id !== null)),
    ];
    const existing = new Set(
      (await this.organisations.findByIds(organisationIds))
        .filter((organisation) => organisation.active)
        .map((organisation) => organisation.id),
    );
    const needsPartnerChains =
      provider.chains === undefined && grants.some((grant) => grant.chainId !== null);
    const partnerChains = needsPartnerChains
      ? await this.organisations.chainsOfAny(
          provider.organisations === '*' ? null : provider.organisations,
        )
      : [];
    return { organisationExists: (id) => existing.has(id), partnerChains };
  }

  private synced(payload: JWTPayload): boolean {
    return this.syncedTokens.has(tokenKey(payload));
  }

  private remember(payload: JWTPayload): void {
    if (this.syncedTokens.size >= SYNCED_TOKENS_KEPT) {
      this.syncedTokens.delete(this.syncedTokens.values().next().value as string);
    }
    this.syncedTokens.add(tokenKey(payload));
  }
}

const provisionedRoles = (provider: OidcProvider): UserRole[] =>
  provider.mayGrantAdmin ? [...PROVISIONED_ROLES, 'admin'] : PROVISIONED_ROLES;

function usernameOf(provider: OidcProvider, payload: JWTPayload): string {
  const claimed = payload[provider.usernameClaim] ?? payload.email;
  return typeof claimed === 'string' ? claimed.trim() : '';
}

/** One token: its issuer and id, or (without `jti`) its subject and issue time. */
const tokenKey = (payload: JWTPayload) =>
  `${payload.iss}|${payload.jti ?? `${payload.sub}@${payload.iat}`}`;
