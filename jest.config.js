/** Unit, integration and contract tests run in node; browser tests drive Debian's Chromium. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // The resolvers under test run from the backend as `forge deploy` bundles it (SC_BACKEND=source: from src/).
  globalSetup: '<rootDir>/tests/judges/globalSetup.ts',
};
