/** Jest runs the TypeScript sources directly (ts-jest transpiles; `npm run typecheck` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One "BROWSER TESTS SKIPPED" line per run, not one per browser test file (tests/browser/skipNotice.ts).
  globalSetup: '<rootDir>/tests/browser/skipNoticeSetup.ts',
  globalTeardown: '<rootDir>/tests/browser/skipNoticeTeardown.ts',
};
