// Two projects: pure unit tests next to the code, integration tests against real services in test/.
const swcrc = require('./swcrc.json');
const { compilerOptions } = require('./tsconfig.json');

// swc rewrites the @schakel/* aliases itself, so they resolve in global setup too (no moduleNameMapper there).
const swc = [
  '@swc/jest',
  { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: __dirname, paths: compilerOptions.paths } },
];
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
