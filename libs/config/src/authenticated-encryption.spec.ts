import { randomBytes } from 'node:crypto';
import { DecryptionError, open, openText, seal, sealText } from './authenticated-encryption';
import type { Keyring } from './keyrings';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const keyring = (primaryKeyId: string, keys: Record<string, Buffer>): Keyring => ({
  primaryKeyId,
  keys: new Map(Object.entries(keys)),
});

const reasonOf = (attempt: () => unknown): string => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DecryptionError) return error.reason;
    throw error;
  }
  throw new Error('expected a DecryptionError');
};

describe('authenticated encryption with key ids', () => {
  it('opens what it sealed under the primary key, never the same bytes twice', () => {
    const ring = keyring('a', { a: KEY_A });
    const sealed = seal(ring, Buffer.from('123456'));
    expect(sealed.keyId).toBe('a');
    expect(open(ring, 'a', sealed.data).toString()).toBe('123456');
    expect(seal(ring, Buffer.from('123456')).data.equals(sealed.data)).toBe(false);
  });

  it('seals text as <keyId>:<base64url>, without the plaintext in it', () => {
    const ring = keyring('2026-11', { '2026-11': KEY_A });
    const sealed = sealText(ring, 'JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^2026-11:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openText(ring, sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('keeps opening values of an older key after a rotation, and seals with the new primary', () => {
    const before = sealText(keyring('a', { a: KEY_A }), 'secret');
    const rotated = keyring('b', { a: KEY_A, b: KEY_B });
    expect(openText(rotated, before)).toBe('secret');
    expect(sealText(rotated, 'secret')).toMatch(/^b:/);
    expect(reasonOf(() => openText(keyring('b', { b: KEY_B }), before))).toBe('unknown-key');
  });

  it('refuses altered or truncated data, and data passed off under another key id', () => {
    const ring = keyring('a', { a: KEY_A, b: KEY_A });
    const { data } = seal(ring, Buffer.from('secret'));
    const flipped = Buffer.from(data);
    flipped[15] ^= 1;
    expect(reasonOf(() => open(ring, 'a', flipped))).toBe('altered');
    expect(reasonOf(() => open(ring, 'a', data.subarray(0, 20)))).toBe('truncated');
    // Same key bytes under another id: the id is bound into the tag.
    expect(reasonOf(() => open(ring, 'b', data))).toBe('altered');
    expect(reasonOf(() => openText(ring, 'JBSWY3DPEHPK3PXP'))).toBe('truncated');
  });
});
