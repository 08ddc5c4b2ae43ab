import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { payloadCodecKeyring, type Keyring } from '@schakel/config';

/** Shared between global setup (parent process) and the test files: where the real services are. */
export const REPOSITORY_ROOT = resolve(__dirname, '../..');
/**
 * One database per checkout, so a fresh clone's CI run and a working tree's run never collide;
 * SCHAKEL_TEST_DATABASE picks another for a second run in the same checkout.
 */
export const TEST_DATABASE =
  process.env.SCHAKEL_TEST_DATABASE ??
  `schakel_test_${createHash('sha256').update(REPOSITORY_ROOT).digest('hex').slice(0, 8)}`;
export const TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${TEST_DATABASE}`;
export const WORKFLOW_BUNDLE_FILE = join(tmpdir(), `${TEST_DATABASE}-workflow-bundle.js`);
export const TEMPORAL_ADDRESS_FILE = join(tmpdir(), `${TEST_DATABASE}-temporal-address`);
/**
 * The payload codec keys of every test (two, for the rotation test): public test fixtures, also the
 * keys the recorded replay histories are encrypted with.
 */
export const TEST_PAYLOAD_KEYS_FILE = join(
  REPOSITORY_ROOT,
  'test/fixtures/TEST-ONLY-payload-codec.keys',
);
export const TEST_PRIMARY_KEY_ID = 'test-fixture-a';

/** The keyring the apps under test build from the test environment, for clients of a test's own. */
export function testKeyring(primaryKeyId = TEST_PRIMARY_KEY_ID): Keyring {
  return payloadCodecKeyring({
    NODE_ENV: 'test',
    PAYLOAD_CODEC_KEYS_FILE: TEST_PAYLOAD_KEYS_FILE,
    PAYLOAD_CODEC_PRIMARY_KEY_ID: primaryKeyId,
  });
}

/** The environment the apps under test validate at boot, as a deployment would set it. */
export function testEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: TEST_DATABASE,
    DEMO_MODELS_DIR: join(REPOSITORY_ROOT, 'models'),
    // Every test signs in from 127.0.0.1: the per-address throttle would add up across test files.
    // The per-account limit stays as configured (test/login.e2e-spec.ts, test/metrics.e2e-spec.ts).
    AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    PAYLOAD_CODEC_KEYS_FILE: TEST_PAYLOAD_KEYS_FILE,
    PAYLOAD_CODEC_PRIMARY_KEY_ID: TEST_PRIMARY_KEY_ID,
    ...overrides,
  };
}

export function applyTestEnvironment(overrides: Record<string, string> = {}): void {
  const temporalAddress = readFileSync(TEMPORAL_ADDRESS_FILE, 'utf8');
  Object.assign(process.env, testEnvironment({ TEMPORAL_ADDRESS: temporalAddress, ...overrides }));
}
