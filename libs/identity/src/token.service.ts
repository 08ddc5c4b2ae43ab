import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { EnvironmentVariables } from '@schakel/config';
import { UserRepository, type UserEntity } from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';

const PLATFORM_ISSUER = 'schakel';
const PLATFORM_AUDIENCE = 'schakel-api';

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
    const user = this.jwks
      ? await this.users.findByUsername(String(payload.preferred_username ?? payload.email ?? ''))
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
