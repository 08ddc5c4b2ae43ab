import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where things are, and what the e2e run can be told from outside. */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SCREENSHOT_DIR = join(REPOSITORY_ROOT, 'test-artifacts/screenshots');

/** Run against a stack that is already up (e.g. `npm start`) instead of starting one. */
export const GIVEN_BASE_URL = process.env.SCHAKEL_E2E_BASE_URL?.replace(/\/$/, '');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DATABASE_SERVER =
  process.env.SCHAKEL_E2E_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
export const DEMO_PASSWORD = 'schakel-demo';

/** The identity provider the e2e stack runs next to local accounts, and the console's client there. */
export const E2E_IDENTITY_PROVIDER = {
  id: 'regio',
  name: 'Regio-IdP',
  clientId: 'schakel-console',
  audience: 'urn:schakel:api',
} as const;
