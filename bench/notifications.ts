/**
 * What notifications cost and carry, in one run on the same servers (an embedded PostgreSQL, a Temporal dev server and
 * a local SMTP server, all on free ports):
 *  - the latency a notifying deployment adds: two API+worker pairs on one database, one with NOTIFICATIONS=on (and
 *    three people in every agency, so every opened task is mail to write), one with it off, in alternating rounds:
 *    a task completion (nothing to tell), and a decision's circulation (nine tasks opened: 27 mails written in the
 *    projection the answer waits for);
 *  - the outbox's throughput: rows delivered per second by one dispatcher to the SMTP server, and signed webhook
 *    deliveries per second to a local HTTP receiver.
 *
 *   npx ts-node --transpile-only bench/notifications.ts [mails=2000] [samples=100] [rounds=4]
 */
import 'reflect-metadata';

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';

import { createApiApp } from '../apps/api/create-api-app';
import { prepareDatabase } from '../apps/prepare-database';
import { createWorkerApp, WorkerApp } from '../apps/worker/create-worker-app';
import { Config, loadConfig } from '../libs/config/config';
import { compressedCalendar } from '../libs/domain/calendar';
import { migrate } from '../libs/persistence/data-source';
import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startSmtpSink } from '../libs/runtime/smtp-sink';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { apiClient, percentile } from '../test/support/api-client';
import { freePort } from '../test/support/free-port';
import { proposal } from '../test/support/work-plan-fixtures';

const AGENCIES = ['RCO', 'ILO', 'UNDP', 'IOM', 'UNWOMEN', 'UNICEF', 'UNFPA', 'FAO', 'OHCHR'];

async function main(): Promise<void> {
  const [mails, samples, rounds] = [2000, 100, 4].map((d, i) => Number(process.argv[2 + i] ?? d));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'bench' });
  const temporal = await startTemporalDevServer({ port: 0, namespace: 'default' });
  let received = 0;
  const smtp = await startSmtpSink({ onMail: () => received++ });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const bundlePath = join(dir, 'bundle.js');
    writeFileSync(
      bundlePath,
      (await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') }))
        .code,
    );
    const base: Config & { databaseUrl: string; temporalAddress: string } = {
      ...loadConfig({ MIGNET_DATA_DIR: dir }),
      databaseUrl: pg.url,
      temporalAddress: temporal.address,
      workflowBundlePath: bundlePath,
      port: 0,
      workerHttpPort: 0,
      temporalMetricsPort: 0,
      smtpUrl: smtp.url,
      outboxPollMs: 100,
      rateLimitPerKey: 1_000_000,
      rateLimitPerAddress: 1_000_000,
      webhookAllowHosts: ['127.0.0.1'], // the receiver below
    };
    await migrate(pg.url);
    const { keys } = await prepareDatabase(base);
    const side = async (notifications: boolean) => {
      // One dispatcher, the notifying side's: the throughput below is one worker's.
      const config = {
        ...base,
        notifications,
        smtpUrl: notifications ? smtp.url : undefined,
        temporalTaskQueue: notifications ? 'bench-on' : 'bench-off',
      };
      const worker: WorkerApp = await createWorkerApp(config, ['error']);
      const api: INestApplication = await createApiApp(config, ['error']);
      await api.listen(0, '127.0.0.1');
      stops.push(
        () => api.close(),
        () => worker.context.close(),
      );
      return apiClient((await api.getUrl()).replace('[::1]', '127.0.0.1'));
    };
    const on = await side(true);
    const off = await side(false);
    const coordinator = keys.find((k) => k.role === 'coordinator')!.key;
    const agencies = keys.filter((k) => k.role === 'agency');
    for (const agency of AGENCIES)
      for (const [i, role] of ['focal-point', 'alternate', 'alternate'].entries()) {
        const r = await on('POST', '/networks/tl/people', coordinator, {
          name: `${agency} person ${i}`,
          email: `p${i}@${agency.toLowerCase()}.example.org`,
          role,
          agency,
          language: (['en', 'tet', 'pt'] as const)[i],
        });
        if (r.status !== 201) throw new Error(`people: ${JSON.stringify(r.body)}`);
      }

    // Completions: resubmitted contributions of a cycle on each side (a completed task tells nobody).
    const years = { on: 2090, off: 2091 };
    for (const [name, call] of [
      ['on', on],
      ['off', off],
    ] as const) {
      const year = years[name];
      const started = await call('POST', '/networks/tl/cycles', coordinator, {
        year,
        calendar: compressedCalendar(year, new Date(), 365 * 86_400_000, { offsets: {} }),
      });
      if (started.status !== 201) throw new Error(`cycle: ${JSON.stringify(started.body)}`);
    }
    const taskOf = (year: number, agency: string) => `annual-cycle:tl:${year}:contribute-activities:${agency}`;
    const complete = async (call: typeof on, year: number, i: number) => {
      const a = agencies[i % agencies.length];
      for (let tries = 0; ; tries++) {
        const res = await call('POST', `/networks/tl/tasks/${taskOf(year, a.agency!)}/complete`, a.key, {
          activities: [proposal(a.agency!, i)],
        });
        if (res.status === 200) return res.ms;
        if (tries > 100) throw new Error(`completion answered ${res.status}: ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 50)); // the tasks are still opening
      }
    };
    const circulate = async (call: typeof on, i: number) => {
      const res = await call('POST', '/networks/tl/decisions', coordinator, {
        kind: 'general',
        title: `Bench decision ${i}`,
        text: 'As circulated',
        payload: {},
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      });
      if (res.status !== 201) throw new Error(`circulation answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.ms;
    };
    for (let i = 0; i < 20; i++) await Promise.all([complete(on, years.on, i), complete(off, years.off, i)]); // warm-up
    const t = {
      completeOn: [] as number[],
      completeOff: [] as number[],
      circulateOn: [] as number[],
      circulateOff: [] as number[],
    };
    const perRound = Math.ceil(samples / rounds);
    for (let r = 0; r < rounds; r++) {
      // Alternating which side goes first, so a drift of the machine falls on both.
      const order = r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const s of order)
        for (let i = 0; i < perRound; i++)
          (s === 'on' ? t.completeOn : t.completeOff).push(await complete(s === 'on' ? on : off, years[s], i));
      for (const s of order)
        for (let i = 0; i < Math.ceil(perRound / 5); i++)
          (s === 'on' ? t.circulateOn : t.circulateOff).push(await circulate(s === 'on' ? on : off, r * 100 + i));
    }

    // Throughput: rows written straight into the outbox, delivered by the "on" worker's dispatcher.
    const ds = await new DataSource({ type: 'postgres', url: pg.url }).initialize();
    await waitUntil(async () => (await pending(ds)) === 0, 'the outbox empty before the throughput run');
    const body = 'A task for you in the network. '.repeat(20);
    const before = received;
    const start = performance.now();
    await ds.query(
      `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, recipient, language, subject, body_text, body_html)
       SELECT 'tl', 'bench-' || g, 'bench', 'bench', 'bench', 'p' || g || '@example.org', 'en', 'Bench ' || g, $1, '<p>' || $1 || '</p>'
         FROM generate_series(1, $2) g`,
      [body, mails],
    );
    await waitUntil(async () => (await pending(ds)) === 0, 'every row delivered', 600_000);
    const seconds = (performance.now() - start) / 1000;

    // The same for webhooks: signed POSTs to a local receiver that answers 200.
    let posted = 0;
    const receiver = createServer((req, res) => {
      req.resume().on('end', () => {
        posted++;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const [{ id: hook }] = (await ds.query(
      `INSERT INTO webhooks (network_code, url, secret, created_by) VALUES ('tl', $1, 'whsec_bench', 'bench') RETURNING id`,
      [hookUrl],
    )) as { id: string }[];
    const webhookStart = performance.now();
    await ds.query(
      `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, channel, webhook_id, recipient, language,
                           subject, body_text, body_html)
       SELECT 'tl', 'bench-hook-' || g, 'bench', 'bench', 'bench', 'webhook', $1, $2, 'en', 'Bench ' || g,
              json_build_object('text', 'Bench ' || g, 'summary', $3::text)::text, ''
         FROM generate_series(1, $4) g`,
      [hook, hookUrl, body, mails],
    );
    await waitUntil(async () => (await pending(ds)) === 0, 'every webhook delivered', 600_000);
    const webhookSeconds = (performance.now() - webhookStart) / 1000;
    receiver.close();
    await ds.destroy();

    const line = (name: string, xs: number[]) =>
      `${name.padEnd(44)} median ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (n=${xs.length})`;
    console.log(`${rounds} alternating rounds; three people in each of ${AGENCIES.length} agencies`);
    console.log(line('task completion, notifications on', t.completeOn));
    console.log(line('task completion, notifications off', t.completeOff));
    console.log(
      `  ratio on / off: median ${(percentile(t.completeOn, 50) / percentile(t.completeOff, 50)).toFixed(2)}, added ${(percentile(t.completeOn, 50) - percentile(t.completeOff, 50)).toFixed(1)} ms`,
    );
    console.log(line('decision circulated (9 tasks), on: 27 mails', t.circulateOn));
    console.log(line('decision circulated (9 tasks), off', t.circulateOff));
    console.log(
      `  ratio on / off: median ${(percentile(t.circulateOn, 50) / percentile(t.circulateOff, 50)).toFixed(2)}, added ${(percentile(t.circulateOn, 50) - percentile(t.circulateOff, 50)).toFixed(1)} ms`,
    );
    console.log(
      `outbox → SMTP: ${mails} mails in ${seconds.toFixed(2)} s = ${(mails / seconds).toFixed(0)} delivered/s (the server received ${received - before})`,
    );
    console.log(
      `outbox → webhook: ${mails} POSTs in ${webhookSeconds.toFixed(2)} s = ${(mails / webhookSeconds).toFixed(0)} delivered/s (the receiver got ${posted})`,
    );
    const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
    for (const year of Object.values(years))
      await client.workflow.getHandle(`annual-cycle:tl:${year}`).terminate('bench done');
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await smtp.close();
    await temporal.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pending(ds: DataSource): Promise<number> {
  const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`)) as {
    n: number;
  }[];
  return n;
}

async function waitUntil(ok: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
