import { createHash } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ScimClientRepository } from '@schakel/database';
import { isPlatformAdmin, TokenService, type AuthenticatedUser } from '@schakel/identity';
import type { AuditActor } from '../audit/audit.interceptor';
import type { ScimRequest } from './scim-caller';
import { ScimError } from './scim-error';

/** Client tokens start with this, so they are told apart from access tokens without a lookup. */
export const SCIM_TOKEN_PREFIX = 'scim_';

/** The audit log's actor role of a SCIM client's calls; the actor id is the client's id. */
export const IDENTITY_PROVIDER_ACTOR = 'identity-provider';

export const hashScimToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/**
 * SCIM callers: an identity provider with the client token an admin issued it (compared by its
 * SHA-256; revoked tokens are refused), or a platform admin with their own access token.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(
    private readonly clients: ScimClientRepository,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<
      ScimRequest & {
        headers: Record<string, string | undefined>;
        user?: AuthenticatedUser;
        auditActor?: AuditActor;
      }
    >();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ScimError(401, 'Send a bearer token in the Authorization header');
    }
    if (token.startsWith(SCIM_TOKEN_PREFIX)) {
      const client = await this.clients.findActiveByTokenHash(hashScimToken(token));
      if (!client) throw new ScimError(401, 'This SCIM token is unknown or revoked');
      request.scimCaller = { kind: 'client', client };
      // The audit log names the identity provider (its client) as the actor of its calls.
      request.auditActor = { id: client.id, role: IDENTITY_PROVIDER_ACTOR, organisationId: null };
      return true;
    }
    const user = await this.tokens.authenticate(token);
    if (!isPlatformAdmin(user)) {
      throw new ScimError(403, 'SCIM needs a SCIM client token or a platform admin');
    }
    request.user = user;
    request.scimCaller = { kind: 'admin', user };
    return true;
  }
}
