import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadCodecKeyring } from '@schakel/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload the codec cannot open: unknown key id, truncated or tampered data. Never retried away. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

const utf8 = (bytes: Uint8Array | null | undefined): string =>
  bytes ? Buffer.from(bytes).toString('utf8') : '';

/**
 * AES-256-GCM over the whole serialized payload (metadata and data), so neither the case data nor
 * its encoding is readable in Temporal's history. Every payload gets a fresh random 96-bit IV; the
 * key id travels in the clear in the metadata (and is bound into the tag as additional data) so a
 * rotated-out key is still found for old payloads. Data layout: IV ‖ ciphertext ‖ tag.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly primaryKey: Buffer;

  constructor(private readonly keyring: PayloadCodecKeyring) {
    const primary = keyring.keys.get(keyring.primaryKeyId);
    if (!primary) throw new Error(`Primary key '${keyring.primaryKeyId}' is not in the keyring`);
    this.primaryKey = primary;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keyring.primaryKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.primaryKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const plain = ProtoPayload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING),
        [ENCRYPTION_KEY_ID]: Buffer.from(keyId),
      },
      data,
    };
  }

  /** Payloads that are not encrypted (written before encryption was switched on) pass unchanged. */
  private decrypt(payload: Payload): Payload {
    if (utf8(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = utf8(payload.metadata?.[ENCRYPTION_KEY_ID]);
    const key = this.keyring.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Payload is encrypted with key '${keyId}', which is not configured (known: ${[...this.keyring.keys.keys()].join(', ')}); add it to PAYLOAD_CODEC_KEYS`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`Encrypted payload under key '${keyId}' is truncated`);
    }
    const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `Encrypted payload under key '${keyId}' failed authentication: altered, or encrypted with another key of that id`,
      );
    }
    const decoded = ProtoPayload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
