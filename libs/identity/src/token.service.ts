import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { EnvironmentVariables } from '@schakel/config';
import {
  OrganisationRepository,
  UserRepository,
  type UserEntity,
  type UserRole,
} from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';
import { grantsFromClaims, sameGrants } from './oidc-claims';

/** The roles an identity provider's claims decide; admin grants come from the admin API only. */
const PROVISIONED_ROLES: UserRole[] = ['caseworker', 'regisseur', 'operations', 'model-owner'];

const PLATFORM_ISSUER = 'schakel';
const PLATFORM_AUDIENCE = 'schakel-api';
/** The platform's own tokens name the user by id, a UUID; anything else was never issued here. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issues the platform's own tokens (HS256) and verifies bearer tokens: against the OIDC issuer's
 * JWKS when one is configured, otherwise against the platform's secret.
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
  ) {
    this.secret = new TextEncoder().encode(env.AUTH_JWT_SECRET);
    if (env.AUTH_OIDC_ISSUER) {
      const jwksUrl =
        env.AUTH_OIDC_JWKS_URL ??
        `${env.AUTH_OIDC_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`;
      this.jwks = createRemoteJWKSet(new URL(jwksUrl));
    }
  }

  get usesOidc(): boolean {
    return this.jwks !== undefined;
  }

  async issue(user: UserEntity): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.env.AUTH_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({
      role: user.role,
      org: user.organisationId,
      ver: user.tokenVersion,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(PLATFORM_ISSUER)
      .setAudience(PLATFORM_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.secret);
    return { accessToken, expiresIn };
  }

  /**
   * Verifies the token and loads the user it names; roles and organisation always come from our
   * own records. A deactivated user, or a platform token older than the user's token version
   * (signed out, deactivated), is refused at once.
   */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    const payload = await this.verify(token);
    if (!this.jwks && !UUID.test(payload.sub ?? '')) {
      throw new UnauthorizedException(
        'The bearer token is not valid: its subject is not a user id',
      );
    }
    const user = this.jwks
      ? await this.oidcUser(payload)
      : await this.users.findById(String(payload.sub ?? ''));
    if (!user)
      throw new UnauthorizedException('The token names a user this platform does not know');
    if (!user.active) throw new UnauthorizedException('This account has been deactivated');
    if (!this.jwks && payload.ver !== user.tokenVersion) {
      throw new UnauthorizedException('This token has been revoked; sign in again');
    }
    const grants = await this.users.grantsOf(user.id);
    if (!user.role || grants.length === 0) {
      throw new ForbiddenException('Your account holds no role yet; ask an admin of your chain');
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName ?? user.username,
      role: user.role,
      organisationId: user.organisationId,
      grants: grants.map(({ role, organisationId, chainId }) => ({
        role,
        organisationId,
        chainId,
      })),
    };
  }

  /**
   * The user an OIDC token names. With a claim mapping (AUTH_OIDC_ORGANISATION_CLAIM,
   * AUTH_OIDC_ROLES_CLAIM) the first sign-in creates the account with the mapped roles and later
   * sign-ins bring its caseworker and chain roles in line with the token; admin grants stay.
   */
  private async oidcUser(payload: JWTPayload): Promise<UserEntity | null> {
    const username = String(payload.preferred_username ?? payload.email ?? '');
    const existing = username ? await this.users.findByUsername(username) : null;
    const mapping = {
      organisation: this.env.AUTH_OIDC_ORGANISATION_CLAIM,
      roles: this.env.AUTH_OIDC_ROLES_CLAIM,
    };
    if (!username || (!mapping.organisation && !mapping.roles)) return existing;
    const claimed = mapping.organisation ? payload[mapping.organisation] : undefined;
    const known =
      typeof claimed === 'string' && (await this.organisations.findById(claimed)) !== null;
    const desired = grantsFromClaims(payload, mapping, (id) => known && id === claimed);
    if (!existing) {
      const displayName = typeof payload.name === 'string' ? payload.name : username;
      return (
        (await this.users.create({ username, displayName, passwordHash: null }, desired, null)) ??
        (await this.users.findByUsername(username))
      );
    }
    const current = (await this.users.grantsOf(existing.id)).filter((grant) =>
      PROVISIONED_ROLES.includes(grant.role),
    );
    if (sameGrants(current, desired)) return existing;
    await this.users.replaceGrants(existing.id, PROVISIONED_ROLES, desired, null);
    return this.users.findById(existing.id);
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, {
            issuer: this.env.AUTH_OIDC_ISSUER,
            audience: this.env.AUTH_OIDC_AUDIENCE,
          })
        : await jwtVerify(token, this.secret, {
            issuer: PLATFORM_ISSUER,
            audience: PLATFORM_AUDIENCE,
            algorithms: ['HS256'],
          });
      return payload;
    } catch (error) {
      throw new UnauthorizedException(`The bearer token is not valid: ${(error as Error).message}`);
    }
  }
}
