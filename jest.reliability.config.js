// `npm run test:fuzz` and `npm run test:chaos`: the reliability suites under test/reliability/.
// Not part of `npm test` (they take minutes); same transform, backends and setup as jest.config.js.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/reliability/**/*.fuzz-spec.ts',
    '<rootDir>/test/reliability/**/*.chaos-spec.ts',
  ],
  maxWorkers: 1,
  // Fuzz and chaos runs are budgeted by their own settings (FUZZ_RUNS, CHAOS_SECONDS).
  testTimeout: 60 * 60_000,
};
