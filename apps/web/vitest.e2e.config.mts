import { defineConfig } from 'vitest/config';

/** End-to-end tests: Debian's Chromium driven by playwright-core against the real stack. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.mts'],
    globalSetup: ['e2e/support/global-setup.mts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
