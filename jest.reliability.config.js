// `npm run test:fuzz`, `npm run test:chaos` and `npm run test:soak`: the reliability suites under test/reliability/.
// Not part of `npm test` (they take minutes); same transform, backends and setup as jest.config.js.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/reliability/**/*.fuzz-spec.ts',
    '<rootDir>/test/reliability/**/*.chaos-spec.ts',
    '<rootDir>/test/reliability/**/*.soak-spec.ts',
  ],
  maxWorkers: 1,
  // Fuzz and chaos runs are budgeted by their own settings (FUZZ_RUNS, CHAOS_SHORT, SOAK_MINUTES).
  testTimeout: 60 * 60_000,
};
