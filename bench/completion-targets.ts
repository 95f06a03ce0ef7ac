/**
 * What the task-completion benches share: mignet (its own database, worker and API in this process) on one Temporal,
 * with a cycle whose contributions are resubmitted, and the serial and concurrent measurements of a round.
 */
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

import { createApiApp } from '../apps/api/create-api-app';
import { prepareDatabase } from '../apps/prepare-database';
import { createWorkerApp, WorkerApp } from '../apps/worker/create-worker-app';
import { loadConfig } from '../libs/config/config';
import { compressedCalendar } from '../libs/domain/calendar';
import { createDatabaseIfMissing } from '../libs/persistence/postgres-admin';
import { migrate } from '../libs/persistence/data-source';
import { apiClient, percentile } from '../test/support/api-client';
import { proposal } from '../test/support/work-plan-fixtures';

export interface Target {
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

/** mignet on one Temporal: its own database, worker and API, and a cycle whose contributions are resubmitted. */
export async function target(
  name: string,
  temporalAddress: string,
  urlFor: (db: string) => string,
  bundle: string,
  dir: string,
  n: number,
  year = 2080, // targets on one Temporal namespace need years of their own (the workflow id holds it)
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
  const { keys } = await prepareDatabase(config);
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
    year,
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

export async function measure(t: Target, serial: number, perAgency: number): Promise<void> {
  for (let i = 0; i < serial; i++) t.serial.push(await complete(t, t.agencies[i % t.agencies.length], i));
  const began = performance.now();
  await Promise.all(
    t.agencies.map(async (a) => {
      for (let i = 0; i < perAgency; i++) t.concurrent.push(await complete(t, a, i));
    }),
  );
  t.throughput.push((t.agencies.length * perAgency) / ((performance.now() - began) / 1000));
}

/** One line of a target's figures: serial median and p99, concurrent median and p99, throughput (median of rounds). */
export function describeTarget(t: Target): string {
  const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
  return (
    `${t.name.padEnd(32)} serial median ${ms(t.serial, 50)} ms, p99 ${ms(t.serial, 99)} ms | ` +
    `concurrent median ${ms(t.concurrent, 50)} ms, p99 ${ms(t.concurrent, 99)} ms, ${percentile(t.throughput, 50).toFixed(1)} completions/s (median of rounds)`
  );
}

/** `b` over `a`, figure by figure: what the bench's closing line prints. */
export function ratios(a: Target, b: Target): string {
  const median = (xs: number[]) => percentile(xs, 50);
  return (
    `serial median ${(median(b.serial) / median(a.serial)).toFixed(2)}, ` +
    `p99 ${(percentile(b.serial, 99) / percentile(a.serial, 99)).toFixed(2)}; concurrent median ` +
    `${(median(b.concurrent) / median(a.concurrent)).toFixed(2)}; throughput ${(median(b.throughput) / median(a.throughput)).toFixed(2)}`
  );
}
