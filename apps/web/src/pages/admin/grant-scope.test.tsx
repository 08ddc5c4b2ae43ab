import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../api/types';
import { grantableChains, grantInput, isPlatformAdmin } from './grant-scope';

const CHAINS = ['wmo-maatwerk', 'vroegsignalering-schuldhulp', 'huiselijk-geweld'];
const grant = (role: RoleGrant['role'], chainId: string | null): RoleGrant => ({
  role,
  chainId,
  organisationId: null,
});

describe('the roles an admin may give', () => {
  it('are every chain for the platform admin', () => {
    const grants = [grant('admin', null)];
    expect(isPlatformAdmin(grants)).toBe(true);
    expect(grantableChains(grants, CHAINS)).toEqual(CHAINS);
  });

  it('are only the chains a chain admin administers, not those they merely direct', () => {
    const grants = [grant('admin', 'wmo-maatwerk'), grant('regisseur', 'huiselijk-geweld')];
    expect(isPlatformAdmin(grants)).toBe(false);
    expect(grantableChains(grants, CHAINS)).toEqual(['wmo-maatwerk']);
  });

  it('are none for someone who holds every-chain roles but no admin grant', () => {
    expect(grantableChains([grant('regisseur', null)], CHAINS)).toEqual([]);
  });
});

describe('the grant sent to the API', () => {
  it('names the organisation of a caseworker', () => {
    expect(grantInput({ role: 'caseworker', scope: 'gemeente' })).toEqual({
      role: 'caseworker',
      organisationId: 'gemeente',
    });
  });

  it('names the chain of a chain role, or none for every chain', () => {
    expect(grantInput({ role: 'operations', scope: 'wmo-maatwerk' })).toEqual({
      role: 'operations',
      chainId: 'wmo-maatwerk',
    });
    expect(grantInput({ role: 'regisseur', scope: '' })).toEqual({ role: 'regisseur' });
  });
});
