import type { AuthenticatedUser, RoleGrant } from './authenticated-user';
import { actsFor, chainsFor, hasRole, isPlatformAdmin, readerOf } from './chain-scope';

const user = (...grants: RoleGrant[]): AuthenticatedUser => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  role: grants[0]?.role ?? 'caseworker',
  organisationId: grants.find((grant) => grant.role === 'caseworker')?.organisationId ?? null,
  grants,
});
const chain = (role: RoleGrant['role'], chainId: string | null): RoleGrant => ({
  role,
  chainId,
  organisationId: null,
});
const caseworker = (organisationId: string): RoleGrant => ({
  role: 'caseworker',
  organisationId,
  chainId: null,
});

describe('chain scope', () => {
  it('lists the chains of a role, sorted and without repeats', () => {
    const regisseur = user(
      chain('regisseur', 'b'),
      chain('regisseur', 'a'),
      chain('operations', 'c'),
    );
    expect(chainsFor(regisseur, 'regisseur')).toEqual(['a', 'b']);
    expect(chainsFor(regisseur, 'regisseur', 'operations')).toEqual(['a', 'b', 'c']);
    expect(chainsFor(regisseur, 'model-owner')).toEqual([]);
  });

  it('means every chain (null) for a grant without a chain', () => {
    expect(
      chainsFor(user(chain('operations', null), chain('operations', 'a')), 'operations'),
    ).toBeNull();
  });

  it("lets an admin own their chains' models, and only an every-chain admin pass as platform admin", () => {
    const chainAdmin = user(chain('admin', 'a'));
    expect(chainsFor(chainAdmin, 'model-owner')).toEqual(['a']);
    expect(hasRole(chainAdmin, 'model-owner')).toBe(true);
    expect(hasRole(chainAdmin, 'admin')).toBe(false);
    expect(isPlatformAdmin(user(chain('admin', null)))).toBe(true);
  });

  it('acts for a chain only with the role in that chain', () => {
    const regisseur = user(chain('regisseur', 'a'));
    expect(actsFor(regisseur, 'a', 'regisseur')).toBe(true);
    expect(actsFor(regisseur, 'b', 'regisseur')).toBe(false);
    expect(actsFor(regisseur, 'a', 'operations')).toBe(false);
  });

  it("reads a caseworker's organisation and a chain role's chains together", () => {
    expect(readerOf(user(caseworker('gemeente')))).toEqual({
      organisationId: 'gemeente',
      chainIds: [],
    });
    expect(readerOf(user(caseworker('gemeente'), chain('regisseur', 'a')))).toEqual({
      organisationId: 'gemeente',
      chainIds: ['a'],
    });
    expect(readerOf(user(chain('regisseur', null)))).toEqual({
      organisationId: null,
      chainIds: null,
    });
    expect(readerOf(user())).toEqual({ organisationId: null, chainIds: [] });
  });
});
