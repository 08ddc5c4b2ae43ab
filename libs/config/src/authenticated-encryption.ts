import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyrings';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why sealed data did not open: its key is not configured, it is cut short, or it was altered. */
export class DecryptionError extends Error {
  constructor(
    readonly reason: 'unknown-key' | 'truncated' | 'altered',
    readonly keyId: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/**
 * AES-256-GCM under the keyring's primary key, with a fresh random 96-bit IV per value and the key
 * id bound into the tag as additional data (a value cannot be passed off under another key id).
 * Layout: IV ‖ ciphertext ‖ tag; the key id travels beside it, in the clear.
 */
export function seal(keyring: Keyring, plaintext: Uint8Array): { keyId: string; data: Buffer } {
  const keyId = keyring.primaryKeyId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`Primary key '${keyId}' is not in the keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { keyId, data };
}

/** The plaintext of `seal`'s data under that key id; throws a DecryptionError when it cannot. */
export function open(keyring: Keyring, keyId: string, data: Uint8Array): Buffer {
  const key = keyring.keys.get(keyId);
  if (!key) {
    const known = [...keyring.keys.keys()].join(', ');
    throw new DecryptionError(
      'unknown-key',
      keyId,
      `key '${keyId}' is not configured (known: ${known})`,
    );
  }
  const sealed = Buffer.from(data);
  if (sealed.length < IV_BYTES + TAG_BYTES) {
    throw new DecryptionError('truncated', keyId, `data under key '${keyId}' is truncated`);
  }
  const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError(
      'altered',
      keyId,
      `data under key '${keyId}' failed authentication: altered, or sealed with another key of that id`,
    );
  }
}

/** Separates the key id from the data in sealed text; key ids never contain it. */
const TEXT_SEPARATOR = ':';

/** A string sealed for storage in a text column: `<keyId>:<base64url of IV ‖ ciphertext ‖ tag>`. */
export function sealText(keyring: Keyring, plaintext: string): string {
  const { keyId, data } = seal(keyring, Buffer.from(plaintext, 'utf8'));
  return `${keyId}${TEXT_SEPARATOR}${data.toString('base64url')}`;
}

/** The string `sealText` sealed; throws a DecryptionError when it cannot be opened. */
export function openText(keyring: Keyring, sealed: string): string {
  const separator = sealed.lastIndexOf(TEXT_SEPARATOR);
  if (separator < 1) throw new DecryptionError('truncated', '', 'not a sealed value');
  const keyId = sealed.slice(0, separator);
  return open(keyring, keyId, Buffer.from(sealed.slice(separator + 1), 'base64url')).toString(
    'utf8',
  );
}
