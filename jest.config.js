/**
 * The test tiers, each a jest project with its own command (`npm run test:<tier>`); `npm test` runs them all.
 * - unit: pure code, no server, no bundle: answers in seconds.
 * - static: lint, formatting and types over the whole tree (probes are linted in a temporary copy, never the tree).
 * - integration, e2e, replay, faults: real PostgreSQL and a real Temporal server, started once per run by
 *   globalSetup (shared by the tiers that run together); each test file gets its own database and task queue.
 * - browser: the web application in Debian's Chromium (playwright-core) against the real API, worker and servers.
 * - production: the production topology (the Temporal server on PostgreSQL, two workers, two API processes), which
 *   it starts itself; it takes only the workflow bundle from globalSetup.
 * @type {import('jest').Config}
 */
const tier = (name, dirs, servers) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: dirs.map((d) => `<rootDir>/test/${d}/**/*.test.ts`),
  transform: { '^.+\\.ts$': 'ts-jest' },
  ...(servers
    ? {
        globalSetup: '<rootDir>/test/support/global-setup.ts',
        globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      }
    : {}),
});

module.exports = {
  projects: [
    tier('unit', ['unit'], false),
    tier('static', ['static'], false),
    tier('integration', ['integration', 'audit'], true),
    tier('e2e', ['e2e', 'fuzz'], true),
    tier('replay', ['replay'], true),
    tier('faults', ['faults'], true),
    tier('browser', ['browser'], true),
    tier('production', ['production'], true),
  ],
  reporters: ['default', '<rootDir>/test/support/results-file-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
