import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';

import { rebuildProjections } from '../../activities/rebuild-projections';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import { verifyAuditLog } from '../../libs/persistence/audit-chain';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { Child, compileProduct } from '../support/child-process';
import { freePort } from '../support/free-port';
import { OtlpReceiver } from '../support/otlp-receiver';
import { readModelsOf } from '../support/read-models';
import { OwnPostgres, startOwnPostgres } from '../support/own-postgres';
import { RoundRobinProxy } from '../support/round-robin-proxy';
import { TemporalServer } from '../support/temporal-server';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { planFrom, proposal } from '../support/work-plan-fixtures';

const YEAR = 2098;
const D = 180_000; // the compressed year, in milliseconds
const MEMBERS = TIMOR_LESTE.members.map((m) => m.code);

/** One command: a task's completion, sent until it gets a definite answer, every attempt with the same request id. */
interface Command {
  readonly requestId: string;
  readonly task: string;
  readonly process: string;
  readonly who: string;
  /** Every answer it got, in order (0: no answer, the connection failed). */
  readonly answers: number[];
}

/**
 * The production topology on one machine, under faults: the Temporal server (not the dev server) on PostgreSQL, the
 * product's database on the same PostgreSQL server, two workers and two API processes (each a process of its own,
 * running the compiled dist/ as `npm run start:worker` and `start:api` do) behind one round-robin address. The agencies and the coordinator do
 * a whole compressed year's work through that address, as a polling client would, while one worker is SIGKILLed every
 * few seconds, one API process is SIGKILLed, the Temporal server is restarted, and PostgreSQL is stopped for 20 s.
 * Afterwards every command answered 200 is in its workflow's history once and in the audit log once, every read model
 * equals its rebuild from the histories, no workflow failed, and the audit chain verifies.
 */
describe('production topology: Temporal on PostgreSQL, two workers, two APIs, under faults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mignet-production-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`
  const taskQueue = 'mignet';
  let pg: OwnPostgres;
  let postgres: Child;
  let temporal: TemporalServer;
  const workers: Child[] = [];
  const apis: (Child | undefined)[] = [];
  const apiPorts: number[] = [];
  let proxy: RoundRobinProxy;
  let collector: OtlpReceiver;
  let databaseUrl: string;
  let ds: DataSource;
  let client: Client;
  let connection: Connection;
  const keys: Record<string, string> = {};
  const commands: Command[] = [];
  const figures = {
    workerKills: 0,
    apiKills: 0,
    temporalRestarts: 0,
    postgresStops: 0,
    revived: 0,
    workerStartFailures: 0,
  };
  const clientErrors: string[] = [];
  let running = true;

  const childEnv = (extra: Record<string, string>) => ({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: testEnv().workflowBundlePath,
    DATABASE_POOL_SIZE: '5',
    MIGNET_DATA_DIR: dir,
    AUDIT_SIGNING_KEY_FILE: join(dir, 'audit-signing-key.pem'),
    // Traced, as an operator turns it on: spans to a collector's OTLP/HTTP receiver, sent within 200 ms of ending.
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_BSP_SCHEDULE_DELAY: '200',
    ...extra,
  });
  const workerPorts: { http: number; metrics: number }[] = [];
  /**
   * Starts worker `i`, and again while it exits without polling, as a supervisor would (compose's `restart:
   * on-failure`): a worker cannot start while Temporal cannot read its namespace (PostgreSQL stopped), and says so.
   */
  const startWorker = async (i: number) => {
    const giveUpAt = Date.now() + 120_000;
    for (;;) {
      workers[i] = Child.compiled(
        `worker ${i + 1}`,
        'apps/worker/main.ts',
        [],
        childEnv({
          WORKER_HTTP_PORT: String(workerPorts[i].http),
          TEMPORAL_METRICS_PORT: String(workerPorts[i].metrics),
        }),
      );
      try {
        await workers[i].waitFor(/Polling task queue/, 90_000);
        return;
      } catch (err) {
        await workers[i].kill('SIGKILL');
        figures.workerStartFailures++;
        if (Date.now() > giveUpAt) throw err;
      }
    }
  };
  const startApi = async (i: number) => {
    apis[i] = Child.compiled(
      `api ${i + 1}`,
      'apps/api/main.ts',
      [],
      childEnv({
        PORT: String(apiPorts[i]),
        HOST: '127.0.0.1',
        TRUST_PROXY: '1',
        RATE_LIMIT_PER_KEY: '1000000',
        RATE_LIMIT_PER_ADDRESS: '1000000',
        AUTH_FAILURES_PER_ADDRESS: '1000000',
      }),
    );
    await apis[i]!.waitFor(/API on /, 90_000);
  };

  beforeAll(async () => {
    compileProduct(); // the workers and the APIs run the compiled dist/, as in production
    collector = await OtlpReceiver.start();
    pg = await startOwnPostgres(dir, await freePort(32_768)); // PostgreSQL is started again on its port
    postgres = pg.process;
    ds = pg.ds;
    databaseUrl = pg.databaseUrl;
    Object.assign(keys, pg.keys);
    temporal = await TemporalServer.start(join(dir, 'temporal'), pg.temporal);
    // One at a time at first: the first worker registers the search attributes, the first API makes the signing key.
    // Below the OS's range for its own picks: bound again at every restart, when a reconnect may have taken an ephemeral one.
    workerPorts.push(
      { http: await freePort(32_768), metrics: await freePort(32_768) },
      { http: await freePort(32_768), metrics: await freePort(32_768) },
    );
    for (const i of [0, 1]) await startWorker(i);
    apiPorts.push(await freePort(32_768), await freePort(32_768));
    for (const i of [0, 1]) await startApi(i);
    proxy = await RoundRobinProxy.start(apiPorts);
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection });
  }, 15 * 60_000); // the first run on a machine builds the Temporal server (about 6 minutes)

  afterAll(async () => {
    running = false;
    await proxy?.close();
    await collector?.close();
    await Promise.all([...apis, ...workers].map((c) => c?.kill('SIGTERM')));
    await connection?.close();
    await temporal?.stop();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const keyOf = (who: string) => keys[who === 'coordinator' ? 'seed:coordinator' : `seed:agency:${who}`];

  async function send(method: string, path: string, who: string, body?: unknown, requestId?: string) {
    const res = await fetch(`${proxy.url}/networks/tl${path}`, {
      method,
      headers: {
        authorization: `Bearer ${keyOf(who)}`,
        'content-type': 'application/json',
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** What each kind of task is answered with: a plain, valid answer, as a diligent focal point gives it. */
  function answerFor(t: TaskDto): unknown {
    switch (t.kind) {
      case 'contribute-activities':
        return { activities: [proposal(t.assignee)] };
      case 'consolidate-plan':
        return { activities: planFrom(['ILO', 'UNDP', 'IOM']) };
      case 'endorse-plan':
        return { decision: 'endorse' };
      case 'report-progress':
        return { status: 'on-track', note: `${t.assignee} on track` };
      case 'finalise-report':
        return { summary: 'The Network delivered its plan' };
      case 'concur-or-object':
        return { answer: 'concur' };
      case 'submit-twg-update':
        return { delivery: `${t.assignee} delivered its activities`, impediments: [] };
      case 'consolidate-twg-report':
        return { summary: 'Updates consolidated', impediments: [] };
      case 'propose-agenda-items':
        return { items: [] };
      case 'record-meeting':
        return {
          attendance: [{ agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' }],
          minutes: 'The Network reviewed the quarter.',
        };
      case 'correct-minutes':
        return { minutes: 'The Network reviewed the quarter (corrected).' };
      case 'action-item':
        return { note: 'Done' };
    }
  }

  /**
   * One actor's client: lists its open tasks and answers each once; a command without a definite answer (no answer,
   * 502, 503, 504, 429) is sent again with the same request id, as the README tells clients to.
   */
  async function actor(who: string): Promise<void> {
    const pending = new Map<string, Command>(); // by task id: sent, no definite answer yet
    const done = new Set<string>(); // task ids answered definitely
    while (running) {
      try {
        const list = await send('GET', '/tasks?status=open&pageSize=200', who);
        if (list.status === 200) {
          const items = (list.body as TaskPageDto).items.filter(
            (t) => (who === 'coordinator') === (t.assigneeRole === 'coordinator'),
          );
          for (const t of items) {
            if (!running || done.has(t.id)) continue;
            let cmd = pending.get(t.id);
            if (!cmd) {
              cmd = {
                requestId: `prod-${randomBytes(6).toString('hex')}`,
                task: t.id,
                process: t.process,
                who,
                answers: [],
              };
              pending.set(t.id, cmd);
              commands.push(cmd);
            }
            const res = await send(
              'POST',
              `/tasks/${encodeURIComponent(t.id)}/complete`,
              who,
              answerFor(t),
              cmd.requestId,
            ).catch(() => ({ status: 0, body: undefined }));
            cmd.answers.push(res.status);
            const definite = res.status !== 0 && res.status !== 429 && res.status < 500;
            if (definite) {
              pending.delete(t.id);
              done.add(t.id);
              // 409: the task closed between the listing and the answer (its deadline passed, or it was answered).
              if (res.status !== 200 && res.status !== 409)
                clientErrors.push(`${who} ${t.id}: ${res.status} ${JSON.stringify(res.body)}`);
            }
          }
        } else if (list.status < 500 && list.status !== 429) {
          clientErrors.push(`${who} listing its tasks: ${list.status} ${JSON.stringify(list.body)}`);
        }
      } catch {
        // the listing failed (a fault): poll again
      }
      await new Promise((r) => setTimeout(r, 300)); // a polling client's pace, not a wait for a condition
    }
  }

  /** Restarts what exited on its own, as a supervisor (compose's `restart: on-failure`, systemd) would. */
  async function supervise(): Promise<void> {
    while (running) {
      if (await temporal.reviveIfExited()) figures.revived++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  let yearFailed = false;
  it(
    'runs a compressed year while workers, an API process, the Temporal server and PostgreSQL fail',
    async () => {
      try {
        await compressedYear();
      } catch (err) {
        yearFailed = true;
        throw err;
      } finally {
        running = false; // the clients and the supervisor stop whatever happened
      }
    },
    4 * D,
  );

  async function compressedYear(): Promise<void> {
    const began = Date.now() + 2_000;
    const at = (f: number) => new Date(began + Math.round(D * f)).toISOString();
    const calendar = {
      start: at(0),
      end: at(1),
      deadlines: { planningDue: at(0.08), consolidationDue: at(0.1), endorsementDue: at(0.14), reviewDue: at(1.15) },
      offsets: { reminderBeforeMs: 2_000, escalationAfterMs: 2_000, revisionMs: 8_000, endorsementRoundMs: 8_000 },
      meetings: [at(0.2), at(0.45), at(0.7), at(0.95)],
    };
    const started = await send('POST', '/cycles', 'coordinator', { year: YEAR, calendar });
    expect(started).toMatchObject({ status: 201 });
    const actors = ['coordinator', ...MEMBERS].map(actor);
    const supervisor = supervise();
    const untilFraction = (f: number) =>
      waitFor(() => (Date.now() >= began + D * f ? true : undefined), `${f} of the year`, D * 2);

    // A worker SIGKILLed every few seconds, the two in turn, each started again at once.
    const killer = (async () => {
      for (let i = 0; Date.now() < began + D * 1.1; i++) {
        await new Promise((r) => setTimeout(r, 4_000));
        await workers[i % 2].kill('SIGKILL');
        figures.workerKills++;
        await startWorker(i % 2);
      }
    })();
    await untilFraction(0.25);
    await apis[1]!.kill('SIGKILL');
    figures.apiKills++;
    await startApi(1);
    await untilFraction(0.45);
    await temporal.restart();
    figures.temporalRestarts++;
    await untilFraction(0.65);
    const from = postgres.printed;
    postgres.send('stop');
    await postgres.waitFor(/^down$/m, 30_000, from);
    figures.postgresStops++;
    const stoppedAt = Date.now();
    await waitFor(() => (Date.now() - stoppedAt >= 20_000 ? true : undefined), '20 s without PostgreSQL', 30_000);
    const again = postgres.printed;
    postgres.send('start');
    await postgres.waitFor(/^up /m, 60_000, again);
    await killer;

    // The year ends when every process of it has: the cycle once the coordinator finalised its report.
    await waitFor(
      async () => {
        const open: string[] = [];
        for await (const w of client.workflow.list({ query: `ExecutionStatus = 'Running'` }))
          if (!w.workflowId.startsWith('audit-anchor:')) open.push(w.workflowId);
        return open.length === 0 ? true : undefined;
      },
      'every process of the year to finish',
      D,
    );
    running = false;
    await Promise.all([...actors, supervisor]);
    expect(clientErrors).toEqual([]);
  }

  it('afterwards: every 200 in its history once and in the audit log once; read models equal their rebuild; no workflow failed; the chain verifies', async () => {
    if (yearFailed) throw new Error('not run: the year did not run to its end');
    // Audit rows that waited for PostgreSQL are written by now, or soon, by either API.
    for (const port of apiPorts)
      await waitFor(
        async () =>
          ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { auditRowsWaiting: number })
            .auditRowsWaiting === 0 || undefined,
        `the waiting audit rows of the API on ${port}`,
        60_000,
      );

    // Every workflow of the network, and each accepted Update in its history, by request id.
    const statuses: Record<string, number> = {};
    const accepted = new Map<string, string[]>(); // request id -> workflow ids whose history accepted it
    let workflowTaskFailures = 0;
    for await (const w of client.workflow.list()) {
      statuses[w.status.name] = (statuses[w.status.name] ?? 0) + 1;
      const history = await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory();
      for (const e of history.events ?? []) {
        if (e.workflowTaskFailedEventAttributes) workflowTaskFailures++;
        const id = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
        if (id) {
          const requestId = id.slice(0, id.lastIndexOf('#'));
          accepted.set(requestId, [...(accepted.get(requestId) ?? []), w.workflowId]);
        }
      }
    }
    const rows = (await ds.query(
      `SELECT request_id, outcome FROM audit_log WHERE network_code = 'tl' AND request_id LIKE 'prod-%'`,
    )) as { request_id: string; outcome: string }[];
    const logged = new Map<string, string[]>();
    for (const r of rows) logged.set(r.request_id, [...(logged.get(r.request_id) ?? []), r.outcome]);

    const ok = commands.filter((c) => c.answers.at(-1) === 200);
    const lost = ok.filter((c) => !accepted.has(c.requestId) || !logged.get(c.requestId)?.includes('accepted'));
    const duplicated = commands.filter(
      (c) =>
        (accepted.get(c.requestId)?.length ?? 0) > 1 ||
        (logged.get(c.requestId) ?? []).filter((o) => o === 'accepted').length > 1,
    );
    const inOtherWorkflow = ok.filter((c) => accepted.get(c.requestId)?.some((w) => w !== c.process));
    const attempts = commands.flatMap((c) => c.answers);
    const byStatus = Object.fromEntries(
      [...new Set(attempts)].sort((a, b) => a - b).map((s) => [s, attempts.filter((a) => a === s).length]),
    );
    process.stdout.write(
      `[mignet] production topology: ${commands.length} commands (${attempts.length} requests, by status ${JSON.stringify(byStatus)}), ` +
        `${ok.length} answered 200, ${attempts.filter((s) => s >= 500 || s === 0).length} 5xx or no answer (${attempts.filter((s) => s === 500).length} 500); ` +
        `${figures.workerKills} worker SIGKILLs (${figures.workerStartFailures} restarts that could not start at once), ${figures.apiKills} API SIGKILL, ${figures.temporalRestarts} Temporal restart ` +
        `(${temporal.crashes} exits on its own, ${figures.revived} revived), ${figures.postgresStops} PostgreSQL stop of 20 s; ` +
        `workflows by status ${JSON.stringify(statuses)}, ${workflowTaskFailures} workflow task failures; ` +
        `lost ${lost.length}, duplicated ${duplicated.length}; ${collector.spans.length} spans at the collector\n`,
    );
    expect({ lost, duplicated, inOtherWorkflow, internalErrors: attempts.filter((s) => s === 500) }).toEqual({
      lost: [],
      duplicated: [],
      inOtherWorkflow: [],
      internalErrors: [],
    });
    expect(ok.length).toBeGreaterThan(100); // the year's work was done, not refused
    // No workflow failed, timed out or was terminated: every one completed (or continued as new), but the anchor.
    expect(Object.keys(statuses).filter((s) => !['COMPLETED', 'CONTINUED_AS_NEW', 'RUNNING'].includes(s))).toEqual([]);
    expect(statuses.RUNNING ?? 0).toBeLessThanOrEqual(1); // audit-anchor:tl

    // The read models rebuilt from the histories alone equal the live ones, row for row.
    const live = await readModelsOf(ds);
    const rebuilt = await rebuildProjections(
      { dataSource: ds, client, bundle: { codePath: testEnv().workflowBundlePath } },
      { network: 'tl', year: YEAR },
    );
    expect(rebuilt.workflows).toBeGreaterThan(20);
    expect(await readModelsOf(ds)).toEqual(live);
    expect(await verifyAuditLog((sql, p) => ds.query(sql, p), 'tl')).toMatchObject({ intact: true });
  }, 300_000);

  it('is observable: JSON log lines with request context, the Temporal runtime in the same log, probes and metrics on each worker', async () => {
    if (yearFailed) throw new Error('not run: the year did not run to its end');
    const jsonLines = (c: Child) =>
      c.text
        .split('\n')
        .slice(1) // the first may be cut: the output kept is its last 100 kB or more
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    // Every line a process writes is one JSON object (nothing in a second format).
    for (const c of [...workers, ...apis]) {
      const lines = c!.text
        .split('\n')
        .slice(1)
        .filter((l) => l.trim() !== '');
      expect({ process: c!.name, notJson: lines.filter((l) => !l.startsWith('{')).slice(0, 3) }).toEqual({
        process: c!.name,
        notJson: [],
      });
    }
    // A command's lines carry its request id, network, person and workflow id, whichever API process served it.
    const requestId = `prod-observe-${randomBytes(4).toString('hex')}`;
    const traceId = randomBytes(16).toString('hex');
    const decision = await fetch(`${proxy.url}/networks/tl/decisions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keyOf('coordinator')}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({
        kind: 'general',
        title: 'A joint statement',
        text: 'On 18 December',
        payload: {},
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
        year: YEAR,
      }),
    });
    expect(decision.status).toBe(201);
    const access = await waitFor(
      () => apis.flatMap((a) => jsonLines(a!)).find((l) => l.requestId === requestId && l.msg === 'request completed'),
      'the access line of the decision',
    );
    expect(access).toMatchObject({
      service: 'api',
      route: '/networks/:network/decisions',
      status: 201,
      network: 'tl',
      person: expect.stringMatching(/^IOM coordinator \(key /),
      workflowId: expect.stringMatching(/^decision:tl:/),
    });
    // Traced as an operator turns it on: the API process sends the request and its start of the workflow in the
    // caller's trace; the workers send their activities' spans (each a trace of its own: no workflow interceptors,
    // libs/observability/tracing.ts).
    const expected = ['mignet-api POST /networks/:network/decisions', 'mignet-api StartWorkflow:decisionWorkflow'];
    await waitFor(
      () => {
        const seen = new Set(collector.spans.filter((x) => x.traceId === traceId).map((x) => `${x.service} ${x.name}`));
        const projected = collector.spans.some(
          (x) => x.service === 'mignet-worker' && x.name === 'RunActivity:projectDecision',
        );
        return (projected && expected.every((e) => seen.has(e))) || undefined;
      },
      `the spans of trace ${traceId} (${expected.join(', ')}) and a worker's projection at the collector`,
    ).catch((err: Error) => {
      const got = collector.spans.filter((x) => x.traceId === traceId).map((x) => `${x.service} ${x.name}`);
      throw new Error(`${err.message}; it has ${JSON.stringify(got)} (${collector.spans.length} spans in all)`);
    });
    // The Temporal SDK's own lines go through the same logger.
    expect(
      workers.flatMap((w) => jsonLines(w)).some((l) => l.context === 'temporal' && l.sdkComponent === 'worker'),
    ).toBe(true);
    for (const [i, w] of workerPorts.entries()) {
      const ready = await fetch(`http://127.0.0.1:${w.http}/ready`);
      expect({ worker: i + 1, status: ready.status, body: await ready.json() }).toMatchObject({
        status: 200,
        body: { status: 'ok', worker: 'RUNNING', temporal: 'up', postgres: 'up' },
      });
      expect((await fetch(`http://127.0.0.1:${w.http}/live`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${w.http}/metrics`)).text();
      expect(metrics).toMatch(/^mignet_worker_nodejs_eventloop_lag_seconds /m);
      expect(metrics).toMatch(/^temporal_worker_task_slots_available\{/m); // the SDK's, re-served
    }
  }, 60_000);
});
