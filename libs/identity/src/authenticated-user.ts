import type { UserRole } from '@schakel/database';

/** Who is calling, as established from the bearer token and the users table. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** The caseworker's organisation; null for chain-wide roles. */
  organisationId: string | null;
}
