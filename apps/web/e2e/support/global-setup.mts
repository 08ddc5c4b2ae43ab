import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import type { ProviderAccountStore } from '../../../../test/support/openid-provider.ts';
import { GIVEN_BASE_URL, SCREENSHOT_DIR } from './environment.mts';
import { startStack } from './stack.mts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The stack's OpenID provider; null against a stack that is already up. */
    openIdProvider: ProviderAccountStore | null;
  }
}

/** One stack for the whole run, unless SCHAKEL_E2E_BASE_URL names one that is already up. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (GIVEN_BASE_URL) {
    project.provide('baseUrl', GIVEN_BASE_URL);
    project.provide('openIdProvider', null);
    return async () => undefined;
  }
  const stack = await startStack();
  project.provide('baseUrl', stack.baseUrl);
  project.provide('openIdProvider', stack.openIdProvider);
  return stack.stop;
}
