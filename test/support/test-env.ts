/** What globalSetup started, handed to every test file through the environment. */
export interface TestEnv {
  readonly postgresAdminUrl: string;
  readonly postgresUrlFor: (database: string) => string;
  readonly temporalAddress: string;
  readonly workflowBundlePath: string;
}

export const TEST_ENV_VARS = {
  postgresAdminUrl: 'MIGNET_TEST_POSTGRES_ADMIN_URL',
  temporalAddress: 'MIGNET_TEST_TEMPORAL_ADDRESS',
  workflowBundlePath: 'MIGNET_TEST_WORKFLOW_BUNDLE',
  /** A directory of this run's, shared by every test process (test/support/claim-year.ts). */
  runDir: 'MIGNET_TEST_RUN_DIR',
} as const;

export function testEnv(): TestEnv {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the tests with jest, whose globalSetup starts the servers`);
    return value;
  };
  const postgresAdminUrl = read(TEST_ENV_VARS.postgresAdminUrl);
  return {
    postgresAdminUrl,
    postgresUrlFor: (database) => postgresAdminUrl.replace(/\/[^/]*$/, `/${database}`),
    temporalAddress: read(TEST_ENV_VARS.temporalAddress),
    workflowBundlePath: read(TEST_ENV_VARS.workflowBundlePath),
  };
}
