import { looksLikeBsn } from './bsn';

describe('looksLikeBsn', () => {
  it.each(['111222333', '123456782', '1112-22-333'])('recognises %s', (value) => {
    expect(looksLikeBsn(value)).toBe(true);
  });

  it.each(['123456789', '12345678', 'KP-7F3A-91C2', '000000000', '1112223334'])(
    'lets %s pass',
    (value) => {
      expect(looksLikeBsn(value)).toBe(false);
    },
  );
});
