import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, validateEnvironment } from './app-config';
import { DEVELOPMENT_KEY_ID, payloadCodecKeyring, storedSecretKeyring } from './keyrings';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const production = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'x'.repeat(40),
  STORED_SECRET_KEYS: `stored-1:${Buffer.alloc(32, 9).toString('base64')}`,
};

describe('payload codec keys', () => {
  it('uses the public development key outside production only', () => {
    const keyring = payloadCodecKeyring(validateEnvironment({}));
    expect(keyring.primaryKeyId).toBe(DEVELOPMENT_KEY_ID);
    expect(keyring.keys.get(DEVELOPMENT_KEY_ID)).toHaveLength(32);
    expect(() => validateEnvironment(production)).toThrow(ConfigValidationError);
    expect(() => validateEnvironment(production)).toThrow(
      /PAYLOAD_CODEC_KEYS: is required in production/,
    );
  });

  it('refuses the development key material in production, whatever its id', () => {
    const development = payloadCodecKeyring({ NODE_ENV: 'test' }).keys.get(
      DEVELOPMENT_KEY_ID,
    ) as Buffer;
    expect(() =>
      validateEnvironment({
        ...production,
        PAYLOAD_CODEC_KEYS: `mine:${development.toString('base64')}`,
      }),
    ).toThrow(/PAYLOAD_CODEC_KEYS: must not hold the public development key/);
  });

  it('reads several keys with one primary', () => {
    const keyring = payloadCodecKeyring(
      validateEnvironment({
        ...production,
        PAYLOAD_CODEC_KEYS: `a:${key(1)}, b:${key(2)}`,
        PAYLOAD_CODEC_PRIMARY_KEY_ID: 'b',
      }),
    );
    expect(keyring.primaryKeyId).toBe('b');
    expect([...keyring.keys.keys()]).toEqual(['a', 'b']);
    expect(keyring.keys.get('a')).toEqual(Buffer.alloc(32, 1));
  });

  it('takes the only key as primary', () => {
    expect(payloadCodecKeyring({ NODE_ENV: 'test', PAYLOAD_CODEC_KEYS: `a:${key(1)}` })).toEqual(
      expect.objectContaining({ primaryKeyId: 'a' }),
    );
  });

  it('reads a key file with comments and one entry per line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'schakel-keys-')), 'keys');
    writeFileSync(file, `# rotated 2026-11\na:${key(1)}\nb:${key(2)}\n`);
    const keyring = payloadCodecKeyring({
      NODE_ENV: 'production',
      PAYLOAD_CODEC_KEYS_FILE: file,
      PAYLOAD_CODEC_PRIMARY_KEY_ID: 'a',
    });
    expect([...keyring.keys.keys()]).toEqual(['a', 'b']);
  });

  it.each([
    [
      { PAYLOAD_CODEC_KEYS: `a:${key(1)},b:${key(2)}` },
      /PAYLOAD_CODEC_PRIMARY_KEY_ID: is required/,
    ],
    [
      { PAYLOAD_CODEC_KEYS: `a:${key(1)}`, PAYLOAD_CODEC_PRIMARY_KEY_ID: 'z' },
      /PAYLOAD_CODEC_PRIMARY_KEY_ID: 'z' is not one of the configured keys \(a\)/,
    ],
    [{ PAYLOAD_CODEC_KEYS: `a:${Buffer.alloc(16).toString('base64')}` }, /must be 32 bytes/],
    [{ PAYLOAD_CODEC_KEYS: 'a:not base64!' }, /PAYLOAD_CODEC_KEYS: key 'a' must be 32 bytes/],
    [{ PAYLOAD_CODEC_KEYS: key(1) }, /PAYLOAD_CODEC_KEYS: entry 1 must look like/],
    [{ PAYLOAD_CODEC_KEYS: `a:${key(1)},a:${key(2)}` }, /key id 'a' appears twice/],
    [{ PAYLOAD_CODEC_KEYS: ' , ' }, /PAYLOAD_CODEC_KEYS: holds no key/],
    [{ PAYLOAD_CODEC_KEYS: `a:${key(1)}`, PAYLOAD_CODEC_KEYS_FILE: '/etc/keys' }, /not both/],
    [
      { PAYLOAD_CODEC_KEYS_FILE: '/nonexistent/keys' },
      /PAYLOAD_CODEC_KEYS_FILE: cannot be read \(ENOENT\)/,
    ],
  ])('names the variable for %p', (variables, message) => {
    expect(() => validateEnvironment({ ...production, ...variables })).toThrow(message);
  });
});

describe('stored secret keys', () => {
  it('are a keyring of their own, with their own development key and variables', () => {
    const development = storedSecretKeyring({ NODE_ENV: 'development' });
    expect(development.primaryKeyId).toBe(DEVELOPMENT_KEY_ID);
    expect(development.keys.get(DEVELOPMENT_KEY_ID)).not.toEqual(
      payloadCodecKeyring({ NODE_ENV: 'development' }).keys.get(DEVELOPMENT_KEY_ID),
    );
    expect(
      storedSecretKeyring({
        NODE_ENV: 'production',
        STORED_SECRET_KEYS: `a:${key(1)},b:${key(2)}`,
        STORED_SECRET_PRIMARY_KEY_ID: 'b',
      }).primaryKeyId,
    ).toBe('b');
    expect(() => storedSecretKeyring({ NODE_ENV: 'production' })).toThrow(
      /STORED_SECRET_KEYS: is required in production/,
    );
    expect(() =>
      storedSecretKeyring({ NODE_ENV: 'test', STORED_SECRET_KEYS: `a:${key(1)},b:${key(2)}` }),
    ).toThrow(/STORED_SECRET_PRIMARY_KEY_ID: is required/);
  });
});
