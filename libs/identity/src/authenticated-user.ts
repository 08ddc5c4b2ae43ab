import type { UserRole } from '@schakel/database';

/** One role the user holds; see `chain-scope.ts` for what each grants. */
export interface RoleGrant {
  role: UserRole;
  /** The caseworker's organisation; null for every other role. */
  organisationId: string | null;
  /** The chain a regisseur, operations analyst or model owner acts for; null: every chain. */
  chainId: string | null;
}

/** Who is calling, as established from the bearer token and the users table. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  /** The primary role (caseworker before the chain roles); `grants` say what the user may do. */
  role: UserRole;
  /** The caseworker's organisation; null for chain-wide roles. */
  organisationId: string | null;
  grants: RoleGrant[];
}
