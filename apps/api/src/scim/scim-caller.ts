import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ScimClientEntity } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';

/** Who calls the SCIM API: an identity provider's client, or a platform admin. */
export type ScimCaller =
  { kind: 'client'; client: ScimClientEntity } | { kind: 'admin'; user: AuthenticatedUser };

/** How the caller is named where people read it (a timeline, the audit log). */
export const callerName = (caller: ScimCaller): string =>
  caller.kind === 'client' ? `identity provider ${caller.client.name}` : caller.user.displayName;

export type ScimRequest = {
  scimCaller?: ScimCaller;
  protocol: string;
  get(name: string): string | undefined;
};

export const CurrentScimCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): ScimCaller =>
    context.switchToHttp().getRequest<ScimRequest>().scimCaller as ScimCaller,
);

/** The base URL of the SCIM API as the caller reached it, for `meta.location`. */
export const ScimBaseUrl = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<ScimRequest>();
  return `${request.protocol}://${request.get('host') ?? 'localhost'}/scim/v2`;
});
