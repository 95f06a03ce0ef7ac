/**
 * How fast the web application shows its two busiest pages with a year of data, against the issue's budget of one
 * second, and what the browser downloads for them.
 *
 * One API and worker (the product's own, on an embedded PostgreSQL and a Temporal dev server, on free ports) run a
 * compressed Network year: the nine agencies each contribute three activities, the plan is endorsed by silence, the
 * four quarters' progress reports fall due (most unanswered: overdue, escalated), the quarterly meetings and the TWG
 * rounds run, until the cycle reaches its annual review. Then Debian's Chromium (cold cache: a new context each time)
 * opens the coordinator's inbox and dashboard in alternating rounds; a page counts as shown when its content is on
 * screen (the inbox's task list; the dashboard's current phase and its GCM table). Medians and the slowest round.
 *
 *   npx ts-node --transpile-only bench/web-first-render.ts [rounds=7] [yearSeconds=300]
 */
import 'reflect-metadata';

import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { INestApplication } from '@nestjs/common';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';

import { createApiApp } from '../apps/api/create-api-app';
import { prepareDatabase } from '../apps/prepare-database';
import { createWorkerApp, type WorkerApp } from '../apps/worker/create-worker-app';
import { type Config, loadConfig } from '../libs/config/config';
import { compressedCalendar } from '../libs/domain/calendar';
import { migrate } from '../libs/persistence/data-source';
import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { apiClient, percentile } from '../test/support/api-client';
import { launchBrowser, personContext, signIn } from '../test/support/browser';
import { freePort } from '../test/support/free-port';
import { proposal } from '../test/support/work-plan-fixtures';

const BUDGET_MS = 1_000;
const YEAR = 2095;

async function main(): Promise<void> {
  const [rounds, yearSeconds] = [7, 300].map((d, i) => Number(process.argv[2 + i] ?? d));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'bench' });
  const temporal = await startTemporalDevServer({ port: 0, namespace: 'default' });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const bundlePath = join(dir, 'bundle.js');
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      logger: new DefaultLogger('WARN'),
    });
    writeFileSync(bundlePath, bundle.code);
    const config: Config & { databaseUrl: string; temporalAddress: string } = {
      ...loadConfig({ MIGNET_DATA_DIR: dir }),
      databaseUrl: pg.url,
      temporalAddress: temporal.address,
      workflowBundlePath: bundlePath,
      port: 0,
      workerHttpPort: 0,
      temporalMetricsPort: 0,
      signInLinks: true,
      rateLimitPerKey: 1_000_000,
      rateLimitPerAddress: 1_000_000,
    };
    await migrate(pg.url);
    const { keys } = await prepareDatabase(config);
    const worker: WorkerApp = await createWorkerApp(config, ['error']);
    const api: INestApplication = await createApiApp(config, ['error']);
    await api.listen(0, '127.0.0.1');
    stops.push(
      () => api.close(),
      () => worker.context.close(),
    );
    const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const call = apiClient(url);
    const coordinator = keys.find((k) => k.role === 'coordinator')!.key;

    // The year: every agency contributes three activities; the rest is silence, as in a real year's worst agencies.
    const started = await call('POST', '/networks/tl/cycles', coordinator, {
      year: YEAR,
      calendar: compressedCalendar(YEAR, new Date(Date.now() + 2_000), yearSeconds * 1_000, {}),
    });
    if (started.status !== 201) throw new Error(`cycle: ${JSON.stringify(started.body)}`);
    const agencies = keys.filter((k) => k.role === 'agency');
    for (const a of agencies) {
      const id = encodeURIComponent(`annual-cycle:tl:${YEAR}:contribute-activities:${a.agency}`);
      for (let tries = 0; ; tries++) {
        const activities = [1, 2, 3].map((i) => proposal(a.agency!, i));
        const res = await call('POST', `/networks/tl/tasks/${id}/complete`, a.key, { activities });
        if (res.status === 200) break;
        if (tries > 200) throw new Error(`${a.agency} could not contribute: ${res.status} ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 100)); // its task is still opening
      }
    }
    // The coordinator consolidates every contribution into the plan once planning closes (a task that never expires).
    const contributions = agencies.flatMap((a) => [1, 2, 3].map((i) => proposal(a.agency!, i)));
    const consolidate = encodeURIComponent(`annual-cycle:tl:${YEAR}:consolidate-plan:r1`);
    for (let tries = 0; ; tries++) {
      const res = await call('POST', `/networks/tl/tasks/${consolidate}/complete`, coordinator, {
        activities: contributions.map((a, i) => ({ id: `A${i + 1}`, ...a })),
      });
      if (res.status === 200) break;
      if (tries > 600) throw new Error(`the plan could not be consolidated: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 500)); // planning is still open
    }
    process.stdout.write(`[bench] a compressed year of ${yearSeconds} s is running…\n`);
    for (const deadline = Date.now() + (yearSeconds + 120) * 1_000; ;) {
      const cycle = await call<{ phase: string }>('GET', `/networks/tl/cycles/${YEAR}`, coordinator);
      if (['ANNUAL_REVIEW', 'CLOSED'].includes(cycle.body.phase)) break;
      if (Date.now() > deadline) throw new Error(`the cycle is still in ${cycle.body.phase}`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const count = async (path: string) =>
      (await call<{ total?: number; items: unknown[] }>('GET', path, coordinator)).body;
    const tasks = (await count('/networks/tl/tasks?pageSize=1')).total;
    const open = (await count('/networks/tl/tasks?status=open&pageSize=1')).total;
    const meetings = (await count('/networks/tl/meetings')).items.length;
    const plan = await call<{ activities: unknown[] }>('GET', `/networks/tl/cycles/${YEAR}/plan`, coordinator);

    // The coordinator, signed in afresh for every round (a new browser context: nothing cached).
    const person = await call<{ id: string }>('POST', '/networks/tl/people', coordinator, {
      name: 'Bench Coordinator',
      email: 'bench.coordinator@iom.example.org',
      role: 'coordinator',
      agency: 'IOM',
    });
    if (person.status !== 201) throw new Error(`person: ${JSON.stringify(person.body)}`);
    const browser = await launchBrowser();
    stops.unshift(() => browser.close());
    const pages = {
      inbox: { path: '/app/tl/inbox', shown: 'ul.task-list li >> nth=0' },
      dashboard: {
        path: '/app/tl/dashboard',
        shown: 'ol.phases li.current >> nth=0, table.gcm-table tbody tr >> nth=0',
      },
    };
    const times: Record<keyof typeof pages, number[]> = { inbox: [], dashboard: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of (round % 2 ? ['dashboard', 'inbox'] : ['inbox', 'dashboard']) as (keyof typeof pages)[]) {
        const link = await call<{ link: string }>(
          'POST',
          `/networks/tl/people/${person.body.id}/sign-in-link`,
          coordinator,
        );
        const context = await personContext(browser);
        const page = await signIn(context, link.body.link);
        await page.goto('about:blank');
        const t0 = Date.now();
        await page.goto(`${url}${pages[name].path}`);
        for (const selector of pages[name].shown.split(', ')) await page.locator(selector).waitFor({ timeout: 30_000 });
        times[name].push(Date.now() - t0);
        await context.close();
      }
    }

    const assets = join(__dirname, '..', 'dist', 'web', 'assets');
    const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    process.stdout.write(
      [
        `[bench] web first render, a year of data: ${tasks} tasks (${open} open), ${plan.body.activities?.length ?? 0} activities, ${meetings} meetings; ${rounds} rounds each, cold cache`,
        ...(Object.keys(pages) as (keyof typeof pages)[]).map(
          (name) =>
            `  ${name.padEnd(10)} median ${percentile(times[name], 50)} ms, slowest ${Math.max(...times[name])} ms  (budget ${BUDGET_MS} ms: ${(percentile(times[name], 50) / BUDGET_MS).toFixed(2)}×)`,
        ),
        '  bundle (dist/web/assets, raw / gzip):',
        ...files.map((f) => {
          const body = readFileSync(join(assets, f));
          return `    ${f.padEnd(32)} ${kb(statSync(join(assets, f)).size).padStart(7)} / ${kb(gzipSync(body).length).padStart(6)}`;
        }),
      ].join('\n') + '\n',
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await temporal.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
