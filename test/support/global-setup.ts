import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmbeddedPostgres } from '../../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../../libs/temporal/dev-server';
import { writeWorkflowBundle } from '../../scripts/bundle-workflows';
import { freePort } from './free-port';
import { TEST_ENV_VARS } from './test-env';

/**
 * Starts the real servers once per run: PostgreSQL (DATABASE_URL's server when set, else the embedded one) and the
 * Temporal dev server (headless, in memory, on free ports, so a running `npm start` is not disturbed), and bundles the
 * workflow code once for every test file's workers.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mignet-test-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach its data directory
  const started = Date.now();
  const [postgres, temporal, bundle] = await Promise.all([
    process.env.MIGNET_TEST_DATABASE_URL
      ? Promise.resolve(undefined)
      : startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), database: 'postgres' }),
    startTemporalDevServer({ port: 0, namespace: 'default' }),
    writeWorkflowBundle(join(dir, 'workflow-bundle.js')),
  ]);
  process.env[TEST_ENV_VARS.postgresAdminUrl] = process.env.MIGNET_TEST_DATABASE_URL ?? postgres!.urlFor('postgres');
  process.env[TEST_ENV_VARS.temporalAddress] = temporal.address;
  process.env[TEST_ENV_VARS.workflowBundlePath] = bundle;
  (globalThis as Record<string, unknown>).__MIGNET_TEST_SERVERS__ = { postgres, temporal, dir };
  process.stderr.write(
    `\n[mignet] test servers up in ${Date.now() - started} ms: PostgreSQL ${postgres ? 'embedded' : 'MIGNET_TEST_DATABASE_URL'}, ` +
      `Temporal ${temporal.address} (${temporal.cli.source})\n`,
  );
}
