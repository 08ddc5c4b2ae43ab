import type { Actor } from '@schakel/contracts';
import type { AuthenticatedUser } from '@schakel/identity';

export const actorOf = (user: AuthenticatedUser): Actor => ({
  userId: user.id,
  role: user.role,
  organisationId: user.organisationId,
});

/** Scopes a client's Idempotency-Key to the caller, so two users can never collide. */
export const updateIdOf = (
  user: AuthenticatedUser,
  idempotencyKey: string | undefined,
): string | undefined => (idempotencyKey ? `${user.id}:${idempotencyKey}` : undefined);
