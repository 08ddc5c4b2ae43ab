import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Keyring } from '@schakel/config';
import {
  ENCRYPTED_ENCODING,
  ENCRYPTION_KEY_ID,
  EncryptionCodec,
  PayloadDecryptionError,
} from './encryption.codec';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const keyring = (primaryKeyId: string, keys: Record<string, Buffer>): Keyring => ({
  primaryKeyId,
  keys: new Map(Object.entries(keys)),
});
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

const MARKER = 'J. de Vries, Dorpsstraat 1';
const casePayload = (): Payload =>
  defaultPayloadConverter.toPayload({ data: { 'client-name': MARKER, 'amount-owed': 1850 } });

describe('EncryptionCodec', () => {
  const codecA = new EncryptionCodec(keyring('a', { a: KEY_A }));

  it('round-trips a payload, metadata included, and leaves nothing readable', async () => {
    const original = casePayload();
    const [encrypted] = await codecA.encode([original]);
    expect(text(encrypted.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted.metadata?.[ENCRYPTION_KEY_ID])).toBe('a');
    expect(Object.keys(encrypted.metadata ?? {}).sort()).toEqual(['encoding', ENCRYPTION_KEY_ID]);
    expect(Buffer.from(encrypted.data ?? []).includes(MARKER)).toBe(false);
    expect(Buffer.from(encrypted.data ?? []).includes('json/plain')).toBe(false);

    const [decoded] = await codecA.decode([encrypted]);
    expect(text(decoded.metadata?.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({
      data: { 'client-name': MARKER, 'amount-owed': 1850 },
    });
  });

  it('uses a fresh IV per payload: the same value never encrypts to the same bytes', async () => {
    const [first, second] = await codecA.encode([casePayload(), casePayload()]);
    expect(Buffer.from(first.data ?? []).equals(Buffer.from(second.data ?? []))).toBe(false);
    expect(Buffer.from(first.data ?? []).subarray(0, 12)).not.toEqual(
      Buffer.from(second.data ?? []).subarray(0, 12),
    );
  });

  it('refuses a payload whose ciphertext, tag or key id was altered', async () => {
    const [encrypted] = await codecA.encode([casePayload()]);
    const data = Buffer.from(encrypted.data ?? []);
    for (const index of [0, 20, data.length - 1]) {
      const altered = Buffer.from(data);
      altered[index] ^= 0x01;
      await expect(codecA.decode([{ ...encrypted, data: altered }])).rejects.toThrow(
        /failed authentication/,
      );
    }
    await expect(codecA.decode([{ ...encrypted, data: data.subarray(0, 10) }])).rejects.toThrow(
      /truncated/,
    );
    // Same key material under another id: the id is bound into the tag.
    const renamed = new EncryptionCodec(keyring('a', { a: KEY_A, b: KEY_A }));
    await expect(
      renamed.decode([
        {
          ...encrypted,
          metadata: { ...encrypted.metadata, [ENCRYPTION_KEY_ID]: Buffer.from('b') },
        },
      ]),
    ).rejects.toThrow(PayloadDecryptionError);
  });

  it('refuses a payload encrypted under another key with the same id', async () => {
    const [encrypted] = await codecA.encode([casePayload()]);
    const impostor = new EncryptionCodec(keyring('a', { a: KEY_B }));
    await expect(impostor.decode([encrypted])).rejects.toThrow(/failed authentication/);
  });

  it('encodes with the primary key and decodes with any known key (rotation)', async () => {
    const [underA] = await codecA.encode([casePayload()]);
    const rotated = new EncryptionCodec(keyring('b', { a: KEY_A, b: KEY_B }));
    const [underB] = await rotated.encode([casePayload()]);
    expect(text(underB.metadata?.[ENCRYPTION_KEY_ID])).toBe('b');
    const decoded = await rotated.decode([underA, underB]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      { data: { 'client-name': MARKER, 'amount-owed': 1850 } },
      { data: { 'client-name': MARKER, 'amount-owed': 1850 } },
    ]);
  });

  it('names the unknown key id when a payload needs a key that is not configured', async () => {
    const onlyB = new EncryptionCodec(keyring('b', { b: KEY_B }));
    const [underA] = await codecA.encode([casePayload()]);
    await expect(onlyB.decode([underA])).rejects.toThrow(
      "Payload is encrypted with key 'a', which is not configured (known: b)",
    );
  });

  it('passes payloads that were never encrypted through unchanged', async () => {
    const plain = casePayload();
    expect(await codecA.decode([plain])).toEqual([plain]);
  });

  it('refuses a keyring whose primary key is missing', () => {
    expect(() => new EncryptionCodec(keyring('c', { a: KEY_A }))).toThrow(/Primary key 'c'/);
  });
});
