import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { EnvironmentVariables, oidcProviders } from '@schakel/config';
import { UserRepository, type UserEntity } from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';
import { OidcAccounts } from './oidc-accounts';
import { OidcVerifier } from './oidc-verifier';

const PLATFORM_ISSUER = 'schakel';
const PLATFORM_AUDIENCE = 'schakel-api';
/** The platform's own tokens name the user by id, a UUID; anything else was never issued here. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (reason: string) =>
  new UnauthorizedException(`The bearer token is not valid: ${reason}`);

/**
 * Issues the platform's own tokens (HS256, at a local account's sign-in) and verifies bearer
 * tokens: by their issuer, against the platform's secret or the identity provider's keys.
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private readonly oidc: OidcVerifier;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly users: UserRepository,
    private readonly accounts: OidcAccounts,
  ) {
    this.secret = new TextEncoder().encode(env.AUTH_JWT_SECRET);
    this.oidc = new OidcVerifier(oidcProviders(env));
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
    const user = await this.userOf(token);
    if (!user)
      throw new UnauthorizedException('The token names a user this platform does not know');
    if (!user.active) throw new UnauthorizedException('This account has been deactivated');
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

  private async userOf(token: string): Promise<UserEntity | null> {
    const issuer = unverifiedIssuer(token);
    if (issuer === PLATFORM_ISSUER) return this.platformUser(token);
    const provider = this.oidc.providerOf(issuer);
    if (!provider) throw invalid(`tokens of the issuer ${issuer} are not accepted here`);
    const { payload } = await this.oidc.verify(token, provider).catch((error: Error) => {
      throw invalid(error.message);
    });
    const user = await this.accounts.accountOf(provider, payload);
    if (user?.active && issuedBefore(payload, user.signedOutAt)) {
      throw new UnauthorizedException('This token has been revoked; sign in again');
    }
    return user;
  }

  private async platformUser(token: string): Promise<UserEntity | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        issuer: PLATFORM_ISSUER,
        audience: PLATFORM_AUDIENCE,
        algorithms: ['HS256'],
      }));
    } catch (error) {
      throw invalid((error as Error).message);
    }
    if (!UUID.test(payload.sub ?? '')) throw invalid('its subject is not a user id');
    const user = await this.users.findById(payload.sub as string);
    if (user?.active && payload.ver !== user.tokenVersion) {
      throw new UnauthorizedException('This token has been revoked; sign in again');
    }
    return user;
  }
}

/** Whether the token was issued before the sign-out (`iat` has seconds: up to that second). */
const issuedBefore = (payload: JWTPayload, signedOutAt: Date | null): boolean =>
  signedOutAt !== null && (payload.iat ?? 0) <= Math.floor(signedOutAt.getTime() / 1000);

function unverifiedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch (error) {
    throw invalid((error as Error).message);
  }
}
