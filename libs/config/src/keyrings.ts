import { createHash } from 'node:crypto';
import { readVariableFile, VariableError } from './variable-error';

/**
 * A set of AES-256 keys by id: the primary one encrypts, every one decrypts, so a key is rotated by
 * adding a new one, making it primary, and removing the old one once nothing needs it (see
 * docs/operations.md). Two are configured: Temporal payloads, and secrets stored in PostgreSQL.
 */
export interface Keyring {
  primaryKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** What configures the keyrings; a subset of the environment so this file stays free of the config class. */
export interface KeyringSettings {
  NODE_ENV: string;
  PAYLOAD_CODEC_KEYS?: string;
  PAYLOAD_CODEC_KEYS_FILE?: string;
  PAYLOAD_CODEC_PRIMARY_KEY_ID?: string;
  STORED_SECRET_KEYS?: string;
  STORED_SECRET_KEYS_FILE?: string;
  STORED_SECRET_PRIMARY_KEY_ID?: string;
}

export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Development and test only: fixed, publicly known keys so a fresh checkout runs without set-up and
 * what the embedded dev server and the local database hold stays readable across restarts.
 * Production refuses them.
 */
export const DEVELOPMENT_KEY_ID = 'development';
const developmentKey = (purpose: string) =>
  createHash('sha256')
    .update(`schakel-development-${purpose}-key-do-not-use-in-production`)
    .digest();

/** The variables of one keyring, and what it is for (in the error when it is missing). */
interface KeyringVariables {
  keys: 'PAYLOAD_CODEC_KEYS' | 'STORED_SECRET_KEYS';
  file: 'PAYLOAD_CODEC_KEYS_FILE' | 'STORED_SECRET_KEYS_FILE';
  primary: 'PAYLOAD_CODEC_PRIMARY_KEY_ID' | 'STORED_SECRET_PRIMARY_KEY_ID';
  purpose: string;
  developmentKey: Buffer;
}

const PAYLOAD_CODEC: KeyringVariables = {
  keys: 'PAYLOAD_CODEC_KEYS',
  file: 'PAYLOAD_CODEC_KEYS_FILE',
  primary: 'PAYLOAD_CODEC_PRIMARY_KEY_ID',
  purpose: 'the keys that encrypt Temporal payloads',
  developmentKey: developmentKey('payload'),
};

const STORED_SECRETS: KeyringVariables = {
  keys: 'STORED_SECRET_KEYS',
  file: 'STORED_SECRET_KEYS_FILE',
  primary: 'STORED_SECRET_PRIMARY_KEY_ID',
  purpose: 'the keys that seal the secrets stored in PostgreSQL (webhook secrets, TOTP secrets)',
  developmentKey: developmentKey('stored-secret'),
};

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
      throw new VariableError(
        variable,
        `entry ${index + 1} must look like <id>:<base64 key> with an id of letters, digits, '.', '_' or '-'`,
      );
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== encoded) {
      throw new VariableError(
        variable,
        `key '${id}' must be ${KEY_BYTES} bytes in base64 (generate one with: openssl rand -base64 32)`,
      );
    }
    if (keys.has(id)) throw new VariableError(variable, `key id '${id}' appears twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new VariableError(variable, 'holds no key');
  return keys;
}

function soleKeyId(keys: Map<string, Buffer>, variable: string): string {
  if (keys.size === 1) return [...keys.keys()][0];
  throw new VariableError(
    variable,
    'is required when several keys are configured: the id of the key that encrypts from now on',
  );
}

/**
 * The keyring from its variables (inline or file, and the primary key id). Throws a VariableError
 * naming the variable when the keys are missing (production) or wrong.
 */
function keyringOf(settings: KeyringSettings, variables: KeyringVariables): Keyring {
  const inline = settings[variables.keys];
  const file = settings[variables.file];
  const production = settings.NODE_ENV === 'production';
  if (inline && file) {
    throw new VariableError(
      variables.file,
      `set either ${variables.keys} or ${variables.file}, not both`,
    );
  }
  if (!inline && !file) {
    if (production) {
      throw new VariableError(
        variables.keys,
        `is required in production (or ${variables.file}): ${variables.purpose}`,
      );
    }
    return {
      primaryKeyId: DEVELOPMENT_KEY_ID,
      keys: new Map([[DEVELOPMENT_KEY_ID, variables.developmentKey]]),
    };
  }
  const keys = inline
    ? parseKeyList(inline, variables.keys)
    : parseKeyList(readVariableFile(variables.file, file as string), variables.file);
  if (production && [...keys.values()].some((key) => key.equals(variables.developmentKey))) {
    throw new VariableError(
      inline ? variables.keys : variables.file,
      'must not hold the public development key in production',
    );
  }
  const primaryKeyId = settings[variables.primary] ?? soleKeyId(keys, variables.primary);
  if (!keys.has(primaryKeyId)) {
    throw new VariableError(
      variables.primary,
      `'${primaryKeyId}' is not one of the configured keys (${[...keys.keys()].join(', ')})`,
    );
  }
  return { primaryKeyId, keys };
}

/** The keys Temporal payloads are encrypted with (PAYLOAD_CODEC_KEYS…). */
export const payloadCodecKeyring = (settings: KeyringSettings): Keyring =>
  keyringOf(settings, PAYLOAD_CODEC);

/** The keys secrets stored in PostgreSQL are sealed with (STORED_SECRET_KEYS…). */
export const storedSecretKeyring = (settings: KeyringSettings): Keyring =>
  keyringOf(settings, STORED_SECRETS);
