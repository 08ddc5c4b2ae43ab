import { parseUserFilter } from './scim-filter';

describe('parseUserFilter', () => {
  it('reads userName eq with any case of the attribute and operator', () => {
    expect(parseUserFilter('userName eq "j.jansen@example.org"')).toEqual({
      userName: 'j.jansen@example.org',
    });
    expect(parseUserFilter('USERNAME EQ "a"')).toEqual({ userName: 'a' });
  });

  it('unescapes quotes inside the value', () => {
    expect(parseUserFilter('userName eq "a\\"b"')).toEqual({ userName: 'a"b' });
  });

  it('means no filter when absent or empty', () => {
    expect(parseUserFilter(undefined)).toBeUndefined();
    expect(parseUserFilter('  ')).toBeUndefined();
  });

  it.each(['displayName eq "x"', 'userName co "x"', 'userName eq x', 'userName eq "a" and x'])(
    'refuses %s with invalidFilter',
    (filter) => {
      expect(() => parseUserFilter(filter)).toThrow(
        expect.objectContaining({
          response: expect.objectContaining({ scimType: 'invalidFilter' }),
        }),
      );
    },
  );
});
