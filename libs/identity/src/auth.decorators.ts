import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@schakel/database';
import type { AuthenticatedUser } from './authenticated-user';

export const PUBLIC_ROUTE = 'schakel:public';
export const ALLOWED_ROLES = 'schakel:roles';

/** Opens a route without a bearer token (health, docs, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Restricts a route (or controller) to these roles; without it every authenticated user may call it. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
