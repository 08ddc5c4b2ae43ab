import { describe, expect, it } from 'vitest';
import type { CurrentUser, RoleGrant } from './api/types';
import { homeFor, navItemsFor, paths } from './routes';

const user = (role: CurrentUser['role'], grants: RoleGrant[]) => ({ role, grants });
const grant = (role: RoleGrant['role'], chainId: string | null): RoleGrant => ({
  role,
  chainId,
  organisationId: null,
});
const targets = (items: { to: string }[]) => items.map((item) => item.to);

describe('the menu', () => {
  it('gives the platform admin the people, organisations and SCIM pages', () => {
    const items = targets(navItemsFor(user('admin', [grant('admin', null)])));
    expect(items).toEqual(
      expect.arrayContaining([paths.people, paths.organisations, paths.scimClients]),
    );
  });

  it("gives a chain's admin whose primary role is another the people and organisations pages", () => {
    const caseworker = { role: 'caseworker' as const, chainId: null, organisationId: 'gemeente' };
    const items = targets(
      navItemsFor(user('caseworker', [caseworker, grant('admin', 'wmo-maatwerk')])),
    );
    expect(items).toEqual(expect.arrayContaining([paths.inbox, paths.people, paths.organisations]));
    expect(items).not.toContain(paths.scimClients);
    expect(items).not.toContain(paths.upload);
  });

  it('gives no admin pages to someone without an admin grant', () => {
    const items = targets(navItemsFor(user('regisseur', [grant('regisseur', null)])));
    expect(items).not.toContain(paths.people);
    expect(items).not.toContain(paths.organisations);
  });

  it('lands everyone on the first page of their primary role', () => {
    expect(homeFor('caseworker')).toBe(paths.inbox);
    expect(homeFor('admin')).toBe(paths.models);
  });
});
