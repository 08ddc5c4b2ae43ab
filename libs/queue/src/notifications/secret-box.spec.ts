import { randomBytes } from 'node:crypto';
import { generateWebhookSecret, SecretBox } from './secret-box';

const key = randomBytes(32).toString('base64');

describe('SecretBox', () => {
  const box = new SecretBox(key);

  it('opens what it sealed, and never stores the secret in clear', () => {
    const secret = generateWebhookSecret();
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open(sealed)).toBe(secret);
    // A fresh nonce each time: the same secret never seals to the same value.
    expect(box.seal(secret)).not.toBe(sealed);
  });

  it('refuses a value sealed with another key or changed on disk', () => {
    const sealed = box.seal('whsec_abc');
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
    const [version, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open('whsec_abc')).toThrow('Not a sealed secret');
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('makes Standard Webhooks secrets', () => {
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });
});
