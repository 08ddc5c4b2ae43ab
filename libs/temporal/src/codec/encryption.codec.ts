import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DecryptionError, open, seal, type Keyring } from '@schakel/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID = 'encryption-key-id';

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
 * Authenticated encryption (`seal`, AES-256-GCM with the key id bound in) over the whole
 * serialized payload (metadata and data), so neither the case data nor its encoding is readable in
 * Temporal's history. The key id travels in the clear in the metadata, so a rotated-out key is
 * still found for old payloads.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {
    if (!keyring.keys.has(keyring.primaryKeyId)) {
      throw new Error(`Primary key '${keyring.primaryKeyId}' is not in the keyring`);
    }
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const { keyId, data } = seal(this.keyring, ProtoPayload.encode(payload).finish());
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
    let plain: Buffer;
    try {
      plain = open(this.keyring, keyId, payload.data ?? new Uint8Array());
    } catch (error) {
      if (error instanceof DecryptionError) throw new PayloadDecryptionError(this.message(error));
      throw error;
    }
    const decoded = ProtoPayload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }

  /** What an operator reads in the worker's log or the codec endpoint's 422. */
  private message({ reason, keyId }: DecryptionError): string {
    if (reason === 'unknown-key') {
      const known = [...this.keyring.keys.keys()].join(', ');
      return `Payload is encrypted with key '${keyId}', which is not configured (known: ${known}); add it to PAYLOAD_CODEC_KEYS`;
    }
    return reason === 'truncated'
      ? `Encrypted payload under key '${keyId}' is truncated`
      : `Encrypted payload under key '${keyId}' failed authentication: altered, or encrypted with another key of that id`;
  }
}
