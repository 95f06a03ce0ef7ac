import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';

import { createApiApp } from '../../apps/api/create-api-app';
import { verifyAuditLog } from '../../libs/persistence/audit-chain';
import { EMBEDDED_APP_ROLE, grantAppRole, withRole } from '../../libs/persistence/app-role';
import { dataSourceOptions, migrate } from '../../libs/persistence/data-source';
import { createDatabaseIfMissing } from '../../libs/persistence/postgres-admin';
import { seedApiKeys, seedNetwork } from '../../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { DevServer, startTemporalDevServer } from '../../libs/temporal/dev-server';
import { locateTemporalCli } from '../../libs/temporal/temporal-cli';
import { annualCycleWorkflowId } from '../../libs/processes/annual-cycle/ids';
import { freePort } from '../support/free-port';
import { testConfig } from '../support/test-stack';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';
import { Child } from '../support/child-process';

const YEAR = 2099;
const AGENCIES = ['FAO', 'ILO', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];

interface Sent {
  /** Which fault's burst sent it. */
  readonly phase: string;
  readonly requestId: string;
  readonly agency: string;
  readonly status: number;
  readonly code?: string;
}

/**
 * The guarantees under faults, with every part in a process of its own: PostgreSQL (a server of this file's), the
 * Temporal dev server (on a SQLite file, so a restart keeps its workflows), the worker (`apps/worker/main.ts`), and
 * the API (in this process). Eight agencies keep resubmitting their contributions (each one counts: a contribution
 * may be resubmitted until its deadline) while the worker is SIGKILLed, PostgreSQL is stopped for 20 s, and the
 * Temporal server is stopped and started again. Afterwards: every command answered 200 is in the history exactly
 * once and in the audit log exactly once as accepted; no answer was a 500; the read model counts what the history
 * holds; the workflow still runs; the chain verifies.
 */
describe('faults: worker SIGKILL, PostgreSQL stopped, Temporal restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mignet-faults-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`
  const taskQueue = `faults-${randomBytes(4).toString('hex')}`;
  const wf = annualCycleWorkflowId('tl', YEAR);
  let postgres: Child;
  let temporal: DevServer;
  let temporalPort: number;
  let worker: Child;
  let api: INestApplication;
  let baseUrl: string;
  let databaseUrl: string;
  let ds: DataSource;
  const keys: Record<string, string> = {};
  const sent: Sent[] = [];
  const figures = { workerKills: 0, postgresStops: 0, temporalRestarts: 0 };
  let sending = false;
  let phase = '';

  const startTemporal = async () => {
    temporal = await startTemporalDevServer({
      cli: locateTemporalCli(),
      port: temporalPort,
      namespace: 'default',
      dbFilename: join(dir, 'temporal.db'),
    });
  };
  const startWorker = async () => {
    worker = Child.start('worker', 'apps/worker/main.ts', [], {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: testEnv().workflowBundlePath,
      DATABASE_POOL_SIZE: '5',
      WORKER_HTTP_PORT: '0',
      TEMPORAL_METRICS_PORT: '0',
    });
    await worker.waitFor(/Polling task queue/);
  };

  beforeAll(async () => {
    const pgPort = await freePort();
    postgres = Child.start('postgres', 'test/support/postgres-process.ts', [join(dir, 'postgres'), String(pgPort)], {});
    const adminUrl = (await postgres.waitFor(/^up (\S+)$/m, 90_000))[1];
    await createDatabaseIfMissing(adminUrl, 'mignet');
    const ownerUrl = adminUrl.replace(/\/postgres$/, '/mignet');
    databaseUrl = withRole(ownerUrl, EMBEDDED_APP_ROLE.role, EMBEDDED_APP_ROLE.password); // the worker's and the API's
    await migrate(ownerUrl);
    await grantAppRole(ownerUrl, databaseUrl);
    ds = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
    await seedNetwork(ds, TIMOR_LESTE);
    for (const k of await seedApiKeys(ds, TIMOR_LESTE)) keys[k.label] = k.key;
    temporalPort = await freePort();
    await startTemporal();
    await startWorker();
    api = await createApiApp(
      testConfig({ databaseUrl, temporalAddress: `127.0.0.1:${temporalPort}`, temporalTaskQueue: taskQueue }),
      ['error'],
    );
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const now = Date.now();
    const res = await fetch(`${baseUrl}/networks/tl/cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys['seed:coordinator']}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        year: YEAR,
        meetingsAndRounds: false,
        calendar: {
          start: new Date(now).toISOString(),
          end: new Date(now + 7_200_000).toISOString(),
          deadlines: { planningDue: new Date(now + 600_000).toISOString() },
        },
      }),
    });
    expect({ status: res.status, body: res.status === 201 ? null : await res.text() }).toEqual({
      status: 201,
      body: null,
    });
    await waitFor(
      async () =>
        ((await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE process = $1`, [wf])) as { n: number }[])[0].n >=
          AGENCIES.length || undefined,
      'the contribution tasks',
      30_000,
    );
  }, 180_000);

  afterAll(async () => {
    sending = false;
    await api?.close();
    await worker?.kill('SIGTERM');
    await temporal?.stop();
    await ds?.destroy().catch(() => undefined);
    postgres?.send('exit');
    await postgres?.exited;
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** One agency resubmitting its contribution as fast as it is answered, each with a request id of its own. */
  async function sender(agency: string): Promise<void> {
    const task = encodeURIComponent(`${wf}:contribute-activities:${agency}`);
    for (let n = 0; sending; n++) {
      const requestId = `faults-${agency}-${n}-${randomBytes(3).toString('hex')}`;
      try {
        const res = await fetch(`${baseUrl}/networks/tl/tasks/${task}/complete`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${keys[`seed:agency:${agency}`]}`,
            'content-type': 'application/json',
            'x-request-id': requestId,
          },
          body: JSON.stringify({ activities: [proposal(agency, (n % 20) + 1)] }),
        });
        const body = (await res.json()) as { code?: string };
        sent.push({ phase, requestId, agency, status: res.status, code: body.code });
        // A client told to wait does so (Retry-After), and does not hammer a server that is down.
        if (res.status >= 500 || res.status === 429) await new Promise((r) => setTimeout(r, 250));
      } catch (err) {
        sent.push({ phase, requestId, agency, status: 0, code: String(err) });
      }
    }
  }

  /** Runs the senders while `fault` does its damage, and a while after, so commands span before, during and after. */
  async function burst(name: string, fault: () => Promise<void>): Promise<void> {
    phase = name;
    sending = true;
    const senders = AGENCIES.map(sender);
    try {
      const before = sent.length;
      await waitFor(() => (sent.length >= before + 40 ? true : undefined), 'answers before the fault', 60_000);
      await fault();
      const after = sent.filter((s) => s.status === 200).length;
      await waitFor(
        () => (sent.filter((s) => s.status === 200).length >= after + 40 ? true : undefined),
        'answers after the fault',
        90_000,
      );
    } finally {
      sending = false;
      await Promise.all(senders);
    }
  }

  it('survives three worker SIGKILLs during a burst of completions', async () => {
    await burst('worker SIGKILLed 3 times', async () => {
      for (let i = 0; i < 3; i++) {
        const from = sent.length;
        await waitFor(() => (sent.length >= from + 15 ? true : undefined), 'answers between kills', 60_000);
        await worker.kill('SIGKILL');
        figures.workerKills++;
        await startWorker();
      }
    });
  }, 300_000);

  it('survives PostgreSQL stopped for 20 s during a burst', async () => {
    await burst('PostgreSQL stopped 20 s', async () => {
      const stoppedAt = Date.now();
      const from = postgres.printed;
      postgres.send('stop');
      await postgres.waitFor(/^down$/m, 30_000, from);
      figures.postgresStops++;
      await waitFor(
        () => (Date.now() - stoppedAt >= 20_000 ? true : undefined),
        '20 s with PostgreSQL stopped',
        30_000,
      );
      const again = postgres.printed;
      postgres.send('start');
      await postgres.waitFor(/^up /m, 60_000, again);
    });
    expect(sent.some((s) => s.code === 'POSTGRES_UNAVAILABLE')).toBe(true); // the outage was seen, and named
  }, 300_000);

  it('survives the Temporal server stopped and started again during a burst', async () => {
    const seenDown = () =>
      sent.some(
        (s) => s.phase === 'Temporal restarted' && (s.code === 'TEMPORAL_UNAVAILABLE' || s.code === 'OUTCOME_UNKNOWN'),
      );
    await burst('Temporal restarted', async () => {
      await temporal.stop();
      figures.temporalRestarts++;
      await waitFor(() => (seenDown() ? true : undefined), 'an answer while Temporal is down', 30_000); // the outage was seen
      await startTemporal();
    });
    expect(seenDown()).toBe(true);
  }, 300_000);

  it('afterwards: every 200 is in the history once and in the log once as accepted; no 500; the read model and the chain hold', async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const client = new Client({ connection });
      // Audit rows that waited for PostgreSQL are written by now, or soon.
      await waitFor(
        async () =>
          ((await (await fetch(`${baseUrl}/health`)).json()) as { auditRowsWaiting: number }).auditRowsWaiting === 0 ||
          undefined,
        'the waiting audit rows',
        60_000,
      );
      const history = await client.workflow.getHandle(wf).fetchHistory();
      const updates = (history.events ?? []).flatMap((e) => {
        const id = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
        return id ? [id.slice(0, id.lastIndexOf('#'))] : [];
      });
      const inHistory = new Map<string, number>();
      for (const id of updates) inHistory.set(id, (inHistory.get(id) ?? 0) + 1);
      const rows = (await ds.query(
        `SELECT request_id, outcome FROM audit_log WHERE network_code = 'tl' AND request_id LIKE 'faults-%'`,
      )) as { request_id: string; outcome: string }[];
      const inLog = new Map<string, string[]>();
      for (const r of rows) inLog.set(r.request_id, [...(inLog.get(r.request_id) ?? []), r.outcome]);

      const ok = sent.filter((s) => s.status === 200);
      const lost = ok.filter((s) => !inHistory.has(s.requestId) || !inLog.has(s.requestId));
      const duplicated = sent.filter(
        (s) => (inHistory.get(s.requestId) ?? 0) > 1 || (inLog.get(s.requestId)?.length ?? 0) > 1,
      );
      // A wrong outcome: a 200 logged as anything but accepted, or a definite refusal (4xx, 503) whose Update took effect.
      const wrong = sent.filter((s) =>
        s.status === 200
          ? inLog.get(s.requestId)?.[0] !== 'accepted'
          : s.status !== 504 && s.status !== 0 && inHistory.has(s.requestId),
      );
      const byStatus = (of: readonly Sent[]) =>
        JSON.stringify(
          Object.fromEntries(
            [...new Set(of.map((s) => s.status))].sort().map((st) => [st, of.filter((s) => s.status === st).length]),
          ),
        );
      const count = (of: readonly Sent[], p: string) => of.filter((s) => s.phase === p).length;
      const lines = [...new Set(sent.map((s) => s.phase))].map(
        (p) =>
          `  ${p}: ${count(sent, p)} commands, by status ${byStatus(sent.filter((s) => s.phase === p))}; lost ${count(lost, p)}, duplicated ${count(duplicated, p)}, wrong outcomes ${count(wrong, p)}`,
      );
      process.stdout.write(
        `[mignet] faults: ${sent.length} commands sent, ${ok.length} answered 200, ${sent.filter((s) => s.status >= 500).length} 5xx (none 500); ` +
          `${figures.workerKills} worker SIGKILLs, ${figures.postgresStops} PostgreSQL stop of 20 s, ${figures.temporalRestarts} Temporal restart; ` +
          `lost ${lost.length}, duplicated ${duplicated.length}, wrong outcomes ${wrong.length}\n${lines.join('\n')}\n`,
      );
      expect({
        lost,
        duplicated,
        wrong,
        internalErrors: sent.filter((s) => s.status === 500 || s.status === 0),
      }).toEqual({ lost: [], duplicated: [], wrong: [], internalErrors: [] });
      // An unknown answer is logged as unknown (or accepted when its row was the settled one), never as rejected.
      for (const s of sent.filter((x) => x.status === 504)) expect(inLog.get(s.requestId)).toEqual(['unknown']);

      // The read model counts exactly the Updates the history holds, task by task; the cycle still runs.
      for (const agency of AGENCIES) {
        const id = `${wf}:contribute-activities:${agency}`;
        const accepted = updates.filter((u) => sent.some((s) => s.requestId === u && s.agency === agency)).length;
        const [row] = (await ds.query('SELECT submissions FROM tasks WHERE id = $1', [id])) as {
          submissions: number;
        }[];
        expect({ id, submissions: row.submissions }).toEqual({ id, submissions: accepted });
      }
      expect((await client.workflow.getHandle(wf).describe()).status.name).toBe('RUNNING');

      // Reconciliation finds every 504 that took effect, and settles it; then nothing is left to settle.
      const coordinator = { authorization: `Bearer ${keys['seed:coordinator']}` };
      type Reconciled = {
        acceptedButLoggedOtherwise: { requestId: string }[];
        updatesWithoutRow: unknown[];
        acceptedWithoutUpdate: unknown[];
      };
      const reconcile = async () =>
        (await (
          await fetch(`${baseUrl}/networks/tl/audit-log/reconcile?year=${YEAR}`, { headers: coordinator })
        ).json()) as Reconciled;
      const tookEffect = sent
        .filter((s) => s.status === 504 && inHistory.has(s.requestId))
        .map((s) => s.requestId)
        .sort();
      const found = await reconcile();
      expect({
        ...found,
        acceptedButLoggedOtherwise: found.acceptedButLoggedOtherwise.map((r) => r.requestId).sort(),
      }).toMatchObject({
        acceptedButLoggedOtherwise: tookEffect,
        updatesWithoutRow: [],
        acceptedWithoutUpdate: [],
      });
      const settle = await fetch(`${baseUrl}/networks/tl/audit-log/reconcile/settle?year=${YEAR}`, {
        method: 'POST',
        headers: coordinator,
      });
      expect(settle.status).toBe(200);
      expect((await reconcile()).acceptedButLoggedOtherwise).toEqual([]);
      process.stdout.write(
        `[mignet] faults: ${tookEffect.length} of ${sent.filter((s) => s.status === 504).length} 504 answers had taken effect; reconciliation found and settled them all\n`,
      );
      expect(await verifyAuditLog((sql, p) => ds.query(sql, p), 'tl')).toMatchObject({ intact: true });
    } finally {
      await connection.close();
    }
  }, 120_000);
});
