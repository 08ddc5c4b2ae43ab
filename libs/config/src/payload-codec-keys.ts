import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The keys Temporal payloads are encrypted with: one primary for encoding, every one for decoding. */
export interface PayloadCodecKeyring {
  primaryKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** What configures the keyring; a subset of the environment so this file stays free of the config class. */
export interface PayloadCodecKeySettings {
  NODE_ENV: string;
  PAYLOAD_CODEC_KEYS?: string;
  PAYLOAD_CODEC_KEYS_FILE?: string;
  PAYLOAD_CODEC_PRIMARY_KEY_ID?: string;
}

export const PAYLOAD_CODEC_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Development and test only: a fixed, publicly known key so a fresh checkout runs without set-up and
 * histories of the embedded dev server stay readable across restarts. Production refuses it.
 */
export const DEVELOPMENT_PAYLOAD_KEY_ID = 'development';
const DEVELOPMENT_PAYLOAD_KEY = createHash('sha256')
  .update('schakel-development-payload-key-do-not-use-in-production')
  .digest();

export class PayloadCodecKeyError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'PayloadCodecKeyError';
  }
}

/** `id:base64key` entries separated by commas or new lines; `#` starts a comment line (key files). */
function parseKeyList(text: string, variable: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'));
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const encoded = entry.slice(separator + 1);
    if (!KEY_ID.test(id)) {
      throw new PayloadCodecKeyError(
        variable,
        `entry ${index + 1} must look like <id>:<base64 key> with an id of letters, digits, '.', '_' or '-'`,
      );
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== PAYLOAD_CODEC_KEY_BYTES || key.toString('base64') !== encoded) {
      throw new PayloadCodecKeyError(
        variable,
        `key '${id}' must be ${PAYLOAD_CODEC_KEY_BYTES} bytes in base64 (generate one with: openssl rand -base64 32)`,
      );
    }
    if (keys.has(id)) throw new PayloadCodecKeyError(variable, `key id '${id}' appears twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new PayloadCodecKeyError(variable, 'holds no key');
  return keys;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PayloadCodecKeyError(
      'PAYLOAD_CODEC_KEYS_FILE',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
}

/**
 * The keyring from PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEYS_FILE and PAYLOAD_CODEC_PRIMARY_KEY_ID.
 * Throws a PayloadCodecKeyError naming the variable when the keys are missing (production) or wrong.
 */
export function payloadCodecKeyring(settings: PayloadCodecKeySettings): PayloadCodecKeyring {
  const { PAYLOAD_CODEC_KEYS: inline, PAYLOAD_CODEC_KEYS_FILE: file } = settings;
  const production = settings.NODE_ENV === 'production';
  if (inline && file) {
    throw new PayloadCodecKeyError(
      'PAYLOAD_CODEC_KEYS_FILE',
      'set either PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEYS_FILE, not both',
    );
  }
  if (!inline && !file) {
    if (production) {
      throw new PayloadCodecKeyError(
        'PAYLOAD_CODEC_KEYS',
        'is required in production (or PAYLOAD_CODEC_KEYS_FILE): the keys that encrypt Temporal payloads',
      );
    }
    return {
      primaryKeyId: DEVELOPMENT_PAYLOAD_KEY_ID,
      keys: new Map([[DEVELOPMENT_PAYLOAD_KEY_ID, DEVELOPMENT_PAYLOAD_KEY]]),
    };
  }
  const keys = inline
    ? parseKeyList(inline, 'PAYLOAD_CODEC_KEYS')
    : parseKeyList(readKeyFile(file as string), 'PAYLOAD_CODEC_KEYS_FILE');
  if (production && [...keys.values()].some((key) => key.equals(DEVELOPMENT_PAYLOAD_KEY))) {
    throw new PayloadCodecKeyError(
      inline ? 'PAYLOAD_CODEC_KEYS' : 'PAYLOAD_CODEC_KEYS_FILE',
      'must not hold the public development key in production',
    );
  }
  const primaryKeyId = settings.PAYLOAD_CODEC_PRIMARY_KEY_ID ?? soleKeyId(keys);
  if (!keys.has(primaryKeyId)) {
    throw new PayloadCodecKeyError(
      'PAYLOAD_CODEC_PRIMARY_KEY_ID',
      `'${primaryKeyId}' is not one of the configured keys (${[...keys.keys()].join(', ')})`,
    );
  }
  return { primaryKeyId, keys };
}

function soleKeyId(keys: Map<string, Buffer>): string {
  if (keys.size === 1) return [...keys.keys()][0];
  throw new PayloadCodecKeyError(
    'PAYLOAD_CODEC_PRIMARY_KEY_ID',
    'is required when several keys are configured: the id of the key new payloads are encrypted with',
  );
}
