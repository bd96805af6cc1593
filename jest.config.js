/**
 * One Jest run for every package. TypeScript is stripped by SWC (fast, no type
 * check); `tsc -b` type-checks separately in `npm test`.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/server', '<rootDir>/client', '<rootDir>/challenges', '<rootDir>/sandboxes'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/starter/', '/solutions/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // marked (the server renders prompts with it) ships ES modules only: SWC compiles it like our code.
  transformIgnorePatterns: ['/node_modules/(?!marked/)'],
  moduleNameMapper: { '^@assay/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/server/test/global-setup.ts',
  globalTeardown: '<rootDir>/server/test/global-teardown.ts',
  testTimeout: 60_000,
};
