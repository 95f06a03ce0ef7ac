/**
 * One jest run covers every tier: unit (pure code), integration (real PostgreSQL and Temporal), end-to-end (HTTP
 * against the running api and worker), replay (recorded histories) and static checks (lint, types).
 * The servers start once per run in globalSetup; each test file gets its own database and task queue.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/results-file-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
