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

import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';

import { createApiApp } from '../apps/api/create-api-app';
import { prepareDatabase } from '../apps/prepare-database';
import { createWorkerApp, WorkerApp } from '../apps/worker/create-worker-app';
import { loadConfig } from '../libs/config/config';
import { compressedCalendar } from '../libs/domain/calendar';
import { createDatabaseIfMissing } from '../libs/persistence/postgres-admin';
import { migrate } from '../libs/persistence/data-source';
import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { writeWorkflowBundle } from '../scripts/bundle-workflows';
import { apiClient, percentile } from '../test/support/api-client';
import { freePort } from '../test/support/free-port';
import { TEMPORAL_SERVER_VERSION, TemporalServer } from '../test/support/temporal-server';
import { proposal } from '../test/support/work-plan-fixtures';

interface Target {
  readonly name: string;
  readonly call: ReturnType<typeof apiClient>;
  readonly coordinator: string;
  readonly agencies: { agency: string; key: string }[];
  readonly serial: number[];
  readonly concurrent: number[];
  readonly throughput: number[];
  year: number;
  close(): Promise<void>;
}

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

    const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    const median = (xs: number[]) => percentile(xs, 50);
    console.log(`${rounds} rounds, alternating; serial ${serial} a round, concurrent ${perAgency} per agency a round`);
    for (const t of targets)
      console.log(
        `${t.name.padEnd(32)} serial median ${ms(t.serial, 50)} ms, p99 ${ms(t.serial, 99)} ms | ` +
          `concurrent median ${ms(t.concurrent, 50)} ms, p99 ${ms(t.concurrent, 99)} ms, ${median(t.throughput).toFixed(1)} completions/s (median of rounds)`,
      );
    const [a, b] = targets;
    console.log(
      `ratio PostgreSQL / dev server: serial median ${(median(b.serial) / median(a.serial)).toFixed(2)}, ` +
        `p99 ${(percentile(b.serial, 99) / percentile(a.serial, 99)).toFixed(2)}; concurrent median ` +
        `${(median(b.concurrent) / median(a.concurrent)).toFixed(2)}; throughput ${(median(b.throughput) / median(a.throughput)).toFixed(2)}`,
    );
  } finally {
    for (const t of targets) await t.close().catch(() => undefined);
    await onPostgres.stop();
    await dev.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** mignet on one Temporal: its own database, worker and API, and a cycle whose contributions are resubmitted. */
async function target(
  name: string,
  temporalAddress: string,
  urlFor: (db: string) => string,
  bundle: string,
  dir: string,
  n: number,
): Promise<Target> {
  await createDatabaseIfMissing(urlFor('postgres'), `bench${n}`);
  const config = {
    ...loadConfig({ MIGNET_DATA_DIR: join(dir, `data${n}`) }),
    databaseUrl: urlFor(`bench${n}`),
    temporalAddress,
    workflowBundlePath: bundle,
    temporalTaskQueue: `bench${n}`,
    port: 0,
    workerHttpPort: 0,
    temporalMetricsPort: 0,
    rateLimitPerKey: 1_000_000,
    rateLimitPerAddress: 1_000_000,
  };
  await migrate(config.databaseUrl);
  const keys = await prepareDatabase(config);
  const worker: WorkerApp = await createWorkerApp(config, ['error']);
  const api: INestApplication = await createApiApp(config, ['error']);
  await api.listen(0, '127.0.0.1');
  const call = apiClient((await api.getUrl()).replace('[::1]', '127.0.0.1'));
  const coordinator = keys.find((k) => k.role === 'coordinator')!.key;
  const t: Target = {
    name,
    call,
    coordinator,
    agencies: keys.filter((k) => k.role === 'agency').map((k) => ({ agency: k.agency!, key: k.key })),
    serial: [],
    concurrent: [],
    throughput: [],
    year: 2080,
    close: async () => {
      const connection = await Connection.connect({ address: temporalAddress });
      await new Client({ connection }).workflow
        .getHandle(`annual-cycle:tl:${t.year}`)
        .terminate('bench done')
        .catch(() => undefined);
      await connection.close();
      await api.close();
      await worker.context.close();
    },
  };
  await startCycle(t);
  return t;
}

async function startCycle(t: Target): Promise<void> {
  const started = await t.call('POST', '/networks/tl/cycles', t.coordinator, {
    year: t.year,
    calendar: compressedCalendar(t.year, new Date(), 365 * 86_400_000, { offsets: {} }),
  });
  if (started.status !== 201) throw new Error(`${t.name}: could not start the cycle: ${JSON.stringify(started.body)}`);
  for (let i = 0; i < 20; i++) await complete(t, t.agencies[i % t.agencies.length], i); // warm-up
}

const taskOf = (t: Target, agency: string) => `annual-cycle:tl:${t.year}:contribute-activities:${agency}`;

async function complete(t: Target, a: { agency: string; key: string }, i: number): Promise<number> {
  const res = await t.call('POST', `/networks/tl/tasks/${taskOf(t, a.agency)}/complete`, a.key, {
    activities: [proposal(a.agency, i)],
  });
  if (res.status !== 200) throw new Error(`${t.name}: completion answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.ms;
}

async function measure(t: Target, serial: number, perAgency: number): Promise<void> {
  for (let i = 0; i < serial; i++) t.serial.push(await complete(t, t.agencies[i % t.agencies.length], i));
  const began = performance.now();
  await Promise.all(
    t.agencies.map(async (a) => {
      for (let i = 0; i < perAgency; i++) t.concurrent.push(await complete(t, a, i));
    }),
  );
  t.throughput.push((t.agencies.length * perAgency) / ((performance.now() - began) / 1000));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
