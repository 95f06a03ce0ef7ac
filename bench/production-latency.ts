/**
 * Task completions on the production topology's Temporal (the Temporal server 1.29.1 on PostgreSQL, as
 * test/production runs it) next to the dev server (`temporal server start-dev`, SQLite), in the same run, on the same
 * PostgreSQL and the same machine: mignet's worker and API (in this process) against each, measured in alternating
 * rounds so that the machine's noise falls on both.
 *  - serial: one completion at a time over HTTP (median, p99);
 *  - concurrent: every member agency completing at once, `perAgency` each (median and p99 latency, completions/s).
 * Prints each figure for both servers and their ratio.
 *
 *   npx ts-node --transpile-only bench/production-latency.ts [serial=100] [perAgency=10] [rounds=3]
 */
import 'reflect-metadata';

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DefaultLogger, Runtime } from '@temporalio/worker';

import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { writeWorkflowBundle } from '../scripts/bundle-workflows';
import { freePort } from '../test/support/free-port';
import { TEMPORAL_SERVER_VERSION, TemporalServer } from '../test/support/temporal-server';
import { describeTarget, measure, ratios, target, type Target } from './completion-targets';

async function main(): Promise<void> {
  const [serial, perAgency, rounds] = [100, 10, 3].map((d, i) => Number(process.argv[2 + i] ?? d));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-prod-'));
  chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: 'postgres' });
  const dev = await startTemporalDevServer({ port: 0, namespace: 'default' });
  const admin = new URL(pg.urlFor('postgres'));
  const onPostgres = await TemporalServer.start(join(dir, 'temporal'), {
    host: '127.0.0.1',
    port: pgPort,
    user: decodeURIComponent(admin.username),
    password: decodeURIComponent(admin.password),
  });
  const bundle = await writeWorkflowBundle(join(dir, 'bundle.js'));
  const targets: Target[] = [];
  try {
    for (const [name, address] of [
      ['dev server (SQLite)', dev.address],
      [`Temporal ${TEMPORAL_SERVER_VERSION} on PostgreSQL`, onPostgres.address],
    ] as const)
      targets.push(await target(name, address, pg.urlFor.bind(pg), bundle, dir, targets.length));

    for (let round = 0; round < rounds; round++)
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) await measure(t, serial, perAgency);

    console.log(`${rounds} rounds, alternating; serial ${serial} a round, concurrent ${perAgency} per agency a round`);
    for (const t of targets) console.log(describeTarget(t));
    console.log(`ratio PostgreSQL / dev server: ${ratios(targets[0], targets[1])}`);
  } finally {
    for (const t of targets) await t.close().catch(() => undefined);
    await onPostgres.stop();
    await dev.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
