import { project } from './scim-attributes';
import { SCHAKEL_USER_EXTENSION } from './scim-schemas';

const user = {
  schemas: ['x'],
  id: '1',
  userName: 'a',
  displayName: 'A',
  active: true,
  [SCHAKEL_USER_EXTENSION]: { organisationId: 'gemeente', roles: [] },
};

describe('project', () => {
  it('returns everything without parameters', () => {
    expect(project(user, undefined, undefined)).toEqual(user);
  });

  it('keeps only the asked attributes, plus schemas and id', () => {
    expect(project(user, 'displayName', undefined)).toEqual({
      schemas: ['x'],
      id: '1',
      displayName: 'A',
    });
  });

  it('drops excluded attributes, by plain or fully qualified name', () => {
    const result = project(
      user,
      undefined,
      `urn:ietf:params:scim:schemas:core:2.0:User:displayName,${SCHAKEL_USER_EXTENSION}:roles`,
    );
    expect(result).not.toHaveProperty('displayName');
    expect(result[SCHAKEL_USER_EXTENSION]).toEqual({ organisationId: 'gemeente' });
  });

  it('never drops id or schemas', () => {
    expect(project(user, undefined, 'id,schemas')).toMatchObject({ id: '1', schemas: ['x'] });
  });
});
