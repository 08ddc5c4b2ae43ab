import { applyPatch } from './scim-patch';
import { SCHAKEL_USER_EXTENSION } from './scim-schemas';

const user = () => ({
  userName: 'j.jansen',
  displayName: 'J. Jansen',
  active: true,
  [SCHAKEL_USER_EXTENSION]: {
    organisationId: 'gemeente',
    roles: [{ role: 'regisseur', chainId: 'a' }],
  },
});
const patch = (...Operations: object[]) => ({ Operations });

describe('applyPatch', () => {
  it('replaces active the way Entra ID sends it (capitalised op, no path)', () => {
    expect(applyPatch(user(), patch({ op: 'Replace', value: { active: false } })).active).toBe(
      false,
    );
  });

  it('replaces and adds by path, core and extension', () => {
    const result = applyPatch(
      user(),
      patch(
        { op: 'replace', path: 'displayName', value: 'Jan' },
        {
          op: 'add',
          path: `${SCHAKEL_USER_EXTENSION}:roles`,
          value: [{ role: 'operations', chainId: 'a' }],
        },
      ),
    );
    expect(result.displayName).toBe('Jan');
    expect((result[SCHAKEL_USER_EXTENSION] as { roles: unknown[] }).roles).toEqual([
      { role: 'regisseur', chainId: 'a' },
      { role: 'operations', chainId: 'a' },
    ]);
  });

  it('removes an attribute, but never userName', () => {
    const result = applyPatch(
      user(),
      patch({ op: 'remove', path: `${SCHAKEL_USER_EXTENSION}:organisationId` }),
    );
    expect(result[SCHAKEL_USER_EXTENSION]).toEqual({
      roles: [{ role: 'regisseur', chainId: 'a' }],
    });
    expect(() => applyPatch(user(), patch({ op: 'remove', path: 'userName' }))).toThrow(/userName/);
  });

  it('leaves the document it was given alone', () => {
    const original = user();
    applyPatch(original, patch({ op: 'replace', path: 'displayName', value: 'Jan' }));
    expect(original.displayName).toBe('J. Jansen');
  });

  it.each([
    [patch({ op: 'replace', path: 'name.givenName', value: 'x' }), 'invalidPath'],
    [patch({ op: 'move', path: 'displayName' }), 'invalidSyntax'],
    [patch({ op: 'remove' }), 'noTarget'],
    [{ Operations: [] }, 'invalidSyntax'],
  ])('refuses %j with %s', (body, scimType) => {
    expect(() => applyPatch(user(), body)).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ scimType }) }),
    );
  });
});
