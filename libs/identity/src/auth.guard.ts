import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@schakel/database';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { hasRole } from './chain-scope';
import { TokenService } from './token.service';

/**
 * Global guard: a bearer token on every route not marked @Public, and one of the roles the route
 * asks for in some scope; which chain or organisation the role covers is checked by the service.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Send a bearer token in the Authorization header');
    }
    const user = await this.tokens.authenticate(token);
    request.user = user;

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.some((role) => hasRole(user, role))) {
      throw new ForbiddenException(
        `This action needs the role ${roles.join(' or ')}; you are signed in as ${user.role}`,
      );
    }
    return true;
  }
}
