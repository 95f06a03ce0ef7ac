/**
 * What completing a task costs, measured side by side in one run on the same servers:
 *  - mignet: `POST /networks/tl/tasks/{id}/complete` over HTTP (auth, Update with its validator, the handler's
 *    projection to PostgreSQL, the audit row), one at a time, as contribution resubmissions;
 *  - bare: a Temporal Update to a workflow that only echoes its argument, one at a time, no mignet code; and the
 *    same Update awaiting one small activity first (what the handler's projection adds).
 * Prints median and p99 of each and their ratio. Starts its own embedded PostgreSQL and Temporal dev server on free
 * ports, so it does not disturb `npm start`.
 *
 *   npx ts-node --transpile-only bench/task-completion.ts [samples=200]
 */
import 'reflect-metadata';

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';

import { createApiApp } from '../apps/api/create-api-app';
import { createWorkerApp } from '../apps/worker/create-worker-app';
import { loadConfig } from '../libs/config/config';
import { compressedCalendar } from '../libs/domain/calendar';
import { migrate } from '../libs/persistence/data-source';
import { prepareDatabase } from '../apps/prepare-database';
import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { apiClient, percentile } from '../test/support/api-client';
import { freePort } from '../test/support/free-port';
import { proposal } from '../test/support/work-plan-fixtures';
import { echoAfterActivityUpdate, echoAfterLocalActivityUpdate, echoUpdate } from './workflows';

async function main(): Promise<void> {
  const samples = Number(process.argv[2] ?? 200);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'bench' });
  const temporal = await startTemporalDevServer({ port: 0, namespace: 'default' });
  try {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows'),
      logger: new DefaultLogger('WARN'),
    });
    const bundlePath = join(dir, 'bundle.js');
    writeFileSync(bundlePath, code);
    const config = {
      ...loadConfig({ MIGNET_DATA_DIR: dir }),
      databaseUrl: pg.url,
      temporalAddress: temporal.address,
      workflowBundlePath: bundlePath,
      temporalTaskQueue: 'bench',
      port: 0,
      workerHttpPort: 0,
      temporalMetricsPort: 0,
    };
    await migrate(pg.url);
    const { keys } = await prepareDatabase(config);
    const worker = await createWorkerApp(config, ['error']);
    const api = await createApiApp(config, ['error']);
    await api.listen(0, '127.0.0.1');
    const call = apiClient((await api.getUrl()).replace('[::1]', '127.0.0.1'));
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });

    // Baseline: bare Updates, one at a time.
    const echo = await client.workflow.start('echoUpdateWorkflow', { workflowId: 'bench-echo', taskQueue: 'bench' });
    for (let i = 0; i < 20; i++) await echo.executeUpdate(echoUpdate, { args: [i] }); // warm-up
    const bare: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await echo.executeUpdate(echoUpdate, { args: [i] });
      bare.push(performance.now() - t);
    }
    const withActivity: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await echo.executeUpdate(echoAfterActivityUpdate, { args: [i] });
      withActivity.push(performance.now() - t);
    }
    const withLocal: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await echo.executeUpdate(echoAfterLocalActivityUpdate, { args: [i] });
      withLocal.push(performance.now() - t);
    }
    await echo.executeUpdate(echoUpdate, { args: [-1] });

    // mignet: resubmitted contributions over HTTP, one at a time, spread over the nine members.
    const coordinator = keys.find((k) => k.role === 'coordinator')!.key;
    const agencies = keys.filter((k) => k.role === 'agency');
    const year = 2090;
    const started = await call('POST', '/networks/tl/cycles', coordinator, {
      year,
      calendar: compressedCalendar(year, new Date(), 365 * 86_400_000, { offsets: {} }),
    });
    if (started.status !== 201) throw new Error(`could not start the cycle: ${JSON.stringify(started.body)}`);
    const taskOf = (agency: string) => `annual-cycle:tl:${year}:contribute-activities:${agency}`;
    for (
      let tries = 0;
      (await call('GET', `/networks/tl/tasks/${taskOf('ILO')}`, coordinator)).status !== 200;
      tries++
    ) {
      if (tries > 200) throw new Error('the contribute tasks never appeared');
      await new Promise((r) => setTimeout(r, 50));
    }
    const http: number[] = [];
    for (let i = 0; i < samples + 20; i++) {
      const a = agencies[i % agencies.length];
      const res = await call('POST', `/networks/tl/tasks/${taskOf(a.agency!)}/complete`, a.key, {
        activities: [proposal(a.agency!, i)],
      });
      if (res.status !== 200) throw new Error(`completion ${i} answered ${res.status}: ${JSON.stringify(res.body)}`);
      if (i >= 20) http.push(res.ms); // the first 20 warm up
    }

    const line = (name: string, xs: number[]) =>
      `${name.padEnd(42)} median ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
    console.log(`samples: ${samples} each, one at a time`);
    console.log(line('bare Temporal Update (echo workflow)', bare));
    console.log(line('bare Update awaiting one small activity', withActivity));
    console.log(line('bare Update awaiting one local activity', withLocal));
    console.log(line('mignet task completion over HTTP', http));
    console.log(
      `ratio mignet / bare: median ${(percentile(http, 50) / percentile(bare, 50)).toFixed(2)}, p99 ${(percentile(http, 99) / percentile(bare, 99)).toFixed(2)}`,
    );

    await client.workflow.getHandle(`annual-cycle:tl:${year}`).terminate('bench done');
    await connection.close();
    await api.close();
    await worker.context.close();
  } finally {
    await temporal.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
