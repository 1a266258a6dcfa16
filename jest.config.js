// One jest run for the whole workspace: unit (*.spec.ts), integration against real Postgres and
// Kafka (*.int-spec.ts) and end-to-end over HTTP (*.e2e-spec.ts). Backends are chosen once in
// the global setup and printed.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  // A library's entry point, and the one file the portal's browser build shares with a service.
  moduleNameMapper: {
    '^@platform/contracts/client-header-rules$':
      '<rootDir>/libs/contracts/src/webhooks/client-header-rules.ts',
    '^@platform/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/**/*.int-spec.ts',
    '<rootDir>/libs/**/*.int-spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    '<rootDir>/apps/**/*.e2e-spec.ts',
  ],
  // Anchored at the root: a clone that itself lives under /tmp must still find its tests.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/tmp/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
