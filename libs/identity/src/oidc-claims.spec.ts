import type { Grant } from '@schakel/database';
import {
  claimedGrants,
  grantsFromClaims,
  mayGrant,
  sameGrants,
  type ClaimMapping,
} from './oidc-claims';

const reach = {
  organisationExists: (id: string) => ['gemeente', 'wijkteam', 'kredietbank'].includes(id),
  partnerChains: ['wmo-maatwerk'],
};
const caseworker = (organisationId: string): Grant => ({
  role: 'caseworker',
  organisationId,
  chainId: null,
});
const chainRole = (role: Grant['role'], chainId: string | null): Grant => ({
  role,
  organisationId: null,
  chainId,
});

/** The shorthand's provider: every organisation and chain, never admin. */
const regional: ClaimMapping = {
  organisationClaim: 'org',
  rolesClaim: 'groups',
  organisations: '*',
  chains: '*',
  mayGrantAdmin: false,
};

/** A partner's provider: its own organisation, the chains it is a partner in, groups mapped. */
const wijkteam: ClaimMapping = {
  organisationClaim: 'organisation',
  rolesClaim: 'groups',
  roleMapping: {
    'Wmo regie': [{ role: 'regisseur', scope: 'wmo-maatwerk' }],
    Analisten: [
      { role: 'operations', scope: 'wmo-maatwerk' },
      { role: 'operations', scope: 'vroegsignalering-schuldhulp' },
    ],
    Medewerkers: [{ role: 'caseworker', scope: 'wijkteam' }],
    Beheer: [{ role: 'admin', scope: null }],
  },
  organisations: ['wijkteam'],
  mayGrantAdmin: false,
};

describe('claimedGrants', () => {
  it('reads the organisation claim and role:chain entries of a list or a separated string', () => {
    expect(
      claimedGrants(
        { org: 'gemeente', groups: ['regisseur:wmo-maatwerk', 'Everyone', 'admin:x'] },
        regional,
      ),
    ).toEqual([caseworker('gemeente'), chainRole('regisseur', 'wmo-maatwerk')]);
    expect(claimedGrants({ groups: 'operations:a, model-owner:b' }, regional)).toEqual([
      chainRole('operations', 'a'),
      chainRole('model-owner', 'b'),
    ]);
  });

  it('takes only mapped values when the provider maps its groups', () => {
    expect(
      claimedGrants({ groups: ['Analisten', 'regisseur:wmo-maatwerk', 'Onbekend'] }, wijkteam),
    ).toEqual([
      chainRole('operations', 'wmo-maatwerk'),
      chainRole('operations', 'vroegsignalering-schuldhulp'),
    ]);
  });
});

describe('grantsFromClaims', () => {
  it('gives a regional provider any known organisation and chain, but never admin', () => {
    expect(
      grantsFromClaims(
        { org: 'elders', groups: ['operations:a', 'admin', 'regisseur:wmo-maatwerk'] },
        regional,
        reach,
      ),
    ).toEqual([chainRole('operations', 'a'), chainRole('regisseur', 'wmo-maatwerk')]);
  });

  it("keeps a partner's provider to its organisation and its organisations' chains", () => {
    expect(
      grantsFromClaims(
        { organisation: 'gemeente', groups: ['Medewerkers', 'Wmo regie', 'Analisten'] },
        wijkteam,
        reach,
      ),
    ).toEqual([
      caseworker('wijkteam'),
      chainRole('regisseur', 'wmo-maatwerk'),
      chainRole('operations', 'wmo-maatwerk'),
    ]);
  });

  it('gives one organisation at most, and each grant once', () => {
    expect(
      grantsFromClaims(
        { org: 'gemeente', groups: 'regisseur:a regisseur:a' },
        {
          ...regional,
          roleMapping: { 'regisseur:a': [{ role: 'caseworker', scope: 'wijkteam' }] },
        },
        reach,
      ),
    ).toEqual([caseworker('gemeente')]);
  });

  it('grants admin only to a provider configured for it', () => {
    const claims = { groups: ['Beheer'] };
    expect(grantsFromClaims(claims, wijkteam, reach)).toEqual([]);
    expect(grantsFromClaims(claims, { ...wijkteam, mayGrantAdmin: true }, reach)).toEqual([
      chainRole('admin', null),
    ]);
  });
});

describe('mayGrant', () => {
  it('allows every chain only with chains ["*"], and listed chains besides partner chains', () => {
    expect(mayGrant(wijkteam, reach, chainRole('regisseur', null))).toBe(false);
    expect(mayGrant(regional, reach, chainRole('regisseur', null))).toBe(true);
    const listed = { ...wijkteam, chains: ['zorg'] };
    expect(mayGrant(listed, reach, chainRole('regisseur', 'zorg'))).toBe(true);
    expect(mayGrant(listed, reach, chainRole('regisseur', 'wmo-maatwerk'))).toBe(false);
  });

  it('refuses an organisation that does not exist, even to a regional provider', () => {
    expect(mayGrant(regional, reach, caseworker('nergens'))).toBe(false);
  });
});

describe('sameGrants', () => {
  it('compares regardless of order', () => {
    const a = chainRole('operations', 'a');
    const b = chainRole('regisseur', 'a');
    expect(sameGrants([a, b], [b, a])).toBe(true);
    expect(sameGrants([a], [a, b])).toBe(false);
  });
});
