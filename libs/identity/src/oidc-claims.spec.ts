import { grantsFromClaims, sameGrants } from './oidc-claims';

const known = (id: string) => id === 'gemeente';

describe('grantsFromClaims', () => {
  it('makes the organisation claim a caseworker grant and reads role:chain entries', () => {
    expect(
      grantsFromClaims(
        { org: 'gemeente', groups: ['regisseur:wmo-maatwerk', 'Everyone', 'admin:x'] },
        { organisation: 'org', roles: 'groups' },
        known,
      ),
    ).toEqual([
      { role: 'caseworker', organisationId: 'gemeente', chainId: null },
      { role: 'regisseur', organisationId: null, chainId: 'wmo-maatwerk' },
    ]);
  });

  it('ignores an unknown organisation and reads a space-separated roles string', () => {
    expect(
      grantsFromClaims(
        { org: 'elders', roles: 'operations:a model-owner:b' },
        { organisation: 'org', roles: 'roles' },
        known,
      ),
    ).toEqual([
      { role: 'operations', organisationId: null, chainId: 'a' },
      { role: 'model-owner', organisationId: null, chainId: 'b' },
    ]);
  });
});

describe('sameGrants', () => {
  it('compares regardless of order', () => {
    const a = { role: 'operations' as const, organisationId: null, chainId: 'a' };
    const b = { role: 'regisseur' as const, organisationId: null, chainId: 'a' };
    expect(sameGrants([a, b], [b, a])).toBe(true);
    expect(sameGrants([a], [a, b])).toBe(false);
  });
});
