import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROUTE_POLICY } from '../../apps/api/auth/route-policy';
import { main } from '../../apps/cli/mignet';
import { parseHistoryFile } from '../../libs/audit/history-file';
import { decisionStateQuery } from '../../libs/processes/decision/messages';
import { replayHistories } from '../../libs/audit/replay';
import { useTestStack } from '../support/test-stack';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

interface HistoryRow {
  workflowId: string;
  type: string;
  status: string;
  events: number;
  closedAt: string | null;
}

/** What auditors read: workflow histories from Temporal, their export, and the audit log's hash chain. */
describe('auditors (end to end)', () => {
  const { stack, call } = useTestStack();
  let decision: { id: string; workflowId: string };
  // This file's processes run in network xx: the test files share one Temporal server, and the others use tl.
  const key = (who: string) =>
    stack.keys.xx[
      who === 'coordinator' ? 'seed:coordinator' : who === 'auditor' ? 'seed:auditor' : `seed:agency:${who}`
    ];
  beforeAll(async () => {
    // A decision adopted by silence: a small, finished process to audit.
    const res = await call<{ id: string; workflowId: string }>('POST', '/networks/xx/decisions', key('coordinator'), {
      kind: 'general',
      title: 'Adopt the meeting calendar',
      text: 'Quarterly, on the third Thursday',
      payload: {},
      deadline: new Date(Date.now() + 4_000).toISOString(),
    });
    decision = res.body;
    // ILO concurs; UNDP sends an answer the workflow refuses (it stays in the audit log only).
    const task = (agency: string) =>
      `/networks/xx/tasks/${encodeURIComponent(`${decision.workflowId}:concur-or-object:r1:${agency}`)}/complete`;
    await waitFor(
      async () =>
        (await call('GET', task('ILO').replace('/complete', ''), key('ILO'))).status === 200 ? true : undefined,
      "ILO's task",
    );
    expect((await call('POST', task('ILO'), key('ILO'), { answer: 'concur' })).status).toBe(200);
    expect((await call('POST', task('UNDP'), key('UNDP'), { answer: 'maybe' })).status).toBe(422);
    await waitFor(
      async () =>
        (await stack.client.workflow.getHandle(decision.workflowId).describe()).status.name === 'COMPLETED'
          ? true
          : undefined,
      'the decision to complete',
    );
  });

  it('lists the network’s workflows from Temporal visibility, by process, year and status', async () => {
    const year = new Date().getUTCFullYear();
    const listed = await waitFor(async () => {
      const res = await call<{ items: HistoryRow[]; total: number }>(
        'GET',
        `/networks/xx/histories?process=decision&year=${year}&status=Completed`,
        key('auditor'),
      );
      return res.body.items.find((i) => i.workflowId === decision.workflowId);
    }, 'the decision in visibility');
    expect(listed).toMatchObject({ type: 'decisionWorkflow', status: 'COMPLETED', closedAt: expect.any(String) });
    expect(listed.events).toBeGreaterThan(10);
    expect(
      (await call<{ items: HistoryRow[] }>('GET', '/networks/xx/histories?process=meeting', key('coordinator'))).body
        .items,
    ).toEqual([]);
    expect(
      (
        await call<{ details: { field: string }[] }>(
          'GET',
          '/networks/xx/histories?status=Done&year=1900',
          key('auditor'),
        )
      ).body.details.map((d) => d.field),
    ).toEqual(['year', 'status']);
    const tl = await call<{ items: HistoryRow[] }>(
      'GET',
      '/networks/tl/histories?process=decision',
      stack.key('auditor'),
    );
    expect(tl.body.items.map((i) => i.workflowId)).not.toContain(decision.workflowId); // another network sees nothing of xx's
  });

  it('serves a history in the official JSON format, which replays against the current code', async () => {
    const res = await fetch(`${stack.baseUrl}/networks/xx/histories/${encodeURIComponent(decision.workflowId)}`, {
      headers: { authorization: `Bearer ${key('auditor')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const parsed = parseHistoryFile('api.json', await res.text());
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed).toMatchObject({ workflowId: decision.workflowId, workflowType: 'decisionWorkflow' });
    const [outcome] = await replayHistories([parsed], { codePath: testEnv().workflowBundlePath });
    expect(outcome).toMatchObject({ ok: true, workflowId: decision.workflowId });
    expect(
      (await call('GET', `/networks/xx/histories/${encodeURIComponent('decision:xx:nope')}`, key('auditor'))).body,
    ).toMatchObject({ statusCode: 404, code: 'WORKFLOW_NOT_FOUND' });
    expect(
      (await call('GET', `/networks/xx/histories/${encodeURIComponent('decision:xx:nope')}`, key('auditor'))).status,
    ).toBe(404);
  });

  it('shows the timeline of a history: who did what with which key, the status after it, refused commands in place', async () => {
    const { items } = (
      await call<{
        items: {
          eventId: number | null;
          type: string;
          agency: string | null;
          keyId: string | null;
          statusAfter: string | null;
          rejected: boolean;
          what: string;
        }[];
      }>('GET', `/networks/xx/histories/${encodeURIComponent(decision.workflowId)}/timeline`, key('auditor'))
    ).body;
    const ds = await stack.db.dataSource();
    const [iloRow] = (await ds.query(
      `SELECT key_id FROM audit_log WHERE actor_agency = 'ILO' AND outcome = 'accepted' AND target LIKE $1`,
      [`${decision.workflowId}:%`],
    )) as { key_id: string }[];
    const answered = items.find((i) => i.type === 'TaskCompleted')!;
    expect(answered).toMatchObject({
      agency: 'ILO',
      keyId: iloRow.key_id,
      statusAfter: 'CIRCULATING',
      rejected: false,
    });
    const refused = items.find((i) => i.rejected && i.agency === 'UNDP')!;
    expect(refused).toMatchObject({
      type: 'CommandRejected',
      agency: 'UNDP',
      statusAfter: null,
      what: expect.stringContaining('422 INVALID_PAYLOAD'),
    });
    expect(items.map((i) => i.type)).toEqual(
      expect.arrayContaining(['DecisionCirculated', 'TaskOpened', 'DecisionAdopted', 'DecisionEffectApplied']),
    );
    expect(items.find((i) => i.type === 'DecisionAdopted')?.statusAfter).toBe('ADOPTED');
    expect(items.indexOf(answered)).toBeLessThan(items.findIndex((i) => i.type === 'DecisionAdopted'));
  });

  it("rebuilds the state as of an event or a time, and at the end it equals the workflow's own query", async () => {
    const path = `/networks/xx/histories/${encodeURIComponent(decision.workflowId)}`;
    const { items } = (
      await call<{ items: { eventId: number; type: string; at: string }[] }>('GET', `${path}/timeline`, key('auditor'))
    ).body;
    const adopted = items.find((i) => i.type === 'DecisionAdopted')!;
    const atAdoption = await call<{ asOf: { eventId: number }; state: { status: string } }>(
      'GET',
      `${path}/state?event=${adopted.eventId}`,
      key('auditor'),
    );
    expect(atAdoption.body.state.status).toBe('ADOPTED');
    const before = await call<{ state: { status: string } }>(
      'GET',
      `${path}/state?at=${encodeURIComponent(new Date(Date.parse(adopted.at) - 1).toISOString())}`,
      key('coordinator'),
    );
    expect(before.body.state.status).toBe('CIRCULATING');
    const last = items.filter((i) => i.eventId !== null).pop()!;
    const rebuilt = (await call<{ state: unknown }>('GET', `${path}/state?event=${last.eventId}`, key('auditor'))).body
      .state;
    const queried = await stack.client.workflow.getHandle(decision.workflowId).query(decisionStateQuery);
    expect(rebuilt).toEqual(JSON.parse(JSON.stringify(queried)));
    expect((await call('GET', `${path}/state`, key('auditor'))).status).toBe(400);
    expect((await call('GET', `${path}/state?event=1&at=2026-01-01T00:00:00Z`, key('auditor'))).status).toBe(400);
  });

  it('exports a year as a .tar.gz that tar reads, with a manifest of SHA-256 sums, and mignet replays it', async () => {
    const year = new Date().getUTCFullYear();
    const res = await fetch(`${stack.baseUrl}/networks/xx/histories/export?year=${year}`, {
      headers: { authorization: `Bearer ${key('auditor')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mignet-xx-${year}-histories.tar.gz"`);
    const dir = mkdtempSync(join(tmpdir(), 'mignet-export-'));
    try {
      writeFileSync(join(dir, 'export.tar.gz'), Buffer.from(await res.arrayBuffer()));
      execFileSync('tar', ['-xzf', 'export.tar.gz'], { cwd: dir });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        network: string;
        year: number;
        workflows: { workflowId: string; file: string; sha256: string; events: number }[];
      };
      expect(manifest).toMatchObject({ network: 'xx', year });
      const entry = manifest.workflows.find((w) => w.workflowId === decision.workflowId)!;
      expect(entry.file).toBe(`histories/${decision.workflowId.replace(/:/g, '_')}.json`);
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, entry.file)))
          .digest('hex'),
      ).toBe(entry.sha256);
      const sink = { write: () => true } as unknown as NodeJS.WritableStream;
      expect(
        await main(['audit', 'replay', join(dir, 'histories'), '--bundle', testEnv().workflowBundlePath], sink, sink),
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const noYear = await call<{ statusCode: number; details: { field: string }[] }>(
      'GET',
      '/networks/xx/histories/export',
      key('auditor'),
    );
    expect(noYear.body.statusCode).toBe(400);
    expect(new Set(noYear.body.details.map((d) => d.field))).toEqual(new Set(['year']));
  });

  it('replays many histories as a durable job, with progress and each failure', async () => {
    const started = await call<{ id: string; total: number }>('POST', '/networks/xx/audits/replays', key('auditor'), {
      workflowIds: [decision.workflowId, 'decision:xx:never-started'],
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.stringMatching(/^audit-replay:xx:/), total: 2 });
    const job = await waitFor(
      async () => {
        const res = await call<{
          status: string;
          done: number;
          cleanly: number;
          failed: { workflowId: string; error: string }[];
        }>('GET', `/networks/xx/audits/replays/${encodeURIComponent(started.body.id)}`, key('auditor'));
        return res.body.status === 'COMPLETED' ? res.body : undefined;
      },
      'the replay job',
      60_000,
    );
    expect(job).toMatchObject({
      done: 2,
      cleanly: 1,
      failed: [{ workflowId: 'decision:xx:never-started', error: expect.stringContaining('not fetched') }],
    });

    const byYear = await call<{ total: number }>('POST', '/networks/xx/audits/replays', key('coordinator'), {
      year: new Date().getUTCFullYear(),
    });
    expect(byYear.body.total).toBeGreaterThanOrEqual(1);
    expect(
      (
        await call<{ details: { field: string }[] }>('POST', '/networks/xx/audits/replays', key('auditor'), {})
      ).body.details.map((d) => d.field),
    ).toEqual(['year']);
    expect(
      (
        await call<{ details: { field: string }[] }>('POST', '/networks/xx/audits/replays', key('auditor'), {
          workflowIds: ['decision:tl:1'],
        })
      ).body.details.map((d) => d.field),
    ).toEqual(['workflowIds[0]']);
    expect((await call('GET', '/networks/xx/audits/replays/audit-replay:xx:nope', key('auditor'))).status).toBe(404);
  });

  it('reconciles the audit log with the Updates in the histories of the year', async () => {
    const year = new Date().getUTCFullYear();
    const clean = await call<{
      workflows: number;
      updates: number;
      acceptedCommands: number;
      acceptedWithoutUpdate: unknown[];
      updatesWithoutRow: unknown[];
    }>('GET', `/networks/xx/audit-log/reconcile?year=${year}`, key('auditor'));
    expect(clean.body).toMatchObject({ acceptedWithoutUpdate: [], updatesWithoutRow: [] });
    expect(clean.body.updates).toBeGreaterThanOrEqual(1); // ILO's answer
    expect(clean.body.acceptedCommands).toBe(clean.body.updates);
  });

  it('lists the audit log by actor and outcome, and finds a tampered row by its seq', async () => {
    // One rejected command, so there is one of each outcome.
    expect((await call('POST', '/networks/xx/decisions', key('coordinator'), { kind: 'general' })).status).toBe(400);
    const rejected = await call<{
      items: { seq: number; outcome: string; actorAgency: string; command: string }[];
      total: number;
    }>('GET', '/networks/xx/audit-log?outcome=rejected&actor=IOM', key('auditor'));
    expect(rejected.body.items.length).toBeGreaterThan(0);
    expect(rejected.body.items.every((r) => r.outcome === 'rejected' && r.actorAgency === 'IOM')).toBe(true);
    const page = await call<{ items: { seq: number }[]; total: number }>(
      'GET',
      '/networks/xx/audit-log?pageSize=1&page=2',
      key('coordinator'),
    );
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, items: [{ seq: 2 }] });
    expect((await call('GET', '/networks/xx/audit-log/verify', key('auditor'))).body).toMatchObject({
      network: 'xx',
      intact: true,
      firstBreak: null,
    });

    // Someone with database rights edits a row behind the API's back: the chain names it.
    const ds = await stack.db.dataSource();
    await ds.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await ds.query(`UPDATE audit_log SET outcome = 'accepted' WHERE network_code = 'xx' AND seq = $1`, [
      rejected.body.items[0].seq,
    ]);
    await ds.query(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const verified = await call<{ intact: boolean; firstBreak: { seq: number; reason: string } }>(
      'GET',
      '/networks/xx/audit-log/verify',
      key('auditor'),
    );
    expect(verified.body).toMatchObject({
      intact: false,
      firstBreak: { seq: rejected.body.items[0].seq, reason: 'hash does not match the row' },
    });

    // The CLI finds it too, straight from the database, and exits 1.
    let printed = '';
    const out = { write: (c: string) => ((printed += c), true) } as unknown as NodeJS.WritableStream;
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = stack.db.url;
    try {
      expect(await main(['audit', 'verify-log', '--network', 'xx'], out, out)).toBe(1);
    } finally {
      process.env.DATABASE_URL = before;
    }
    expect(printed).toContain(`xx: chain broken at seq ${rejected.body.items[0].seq}`);

    // UNDP's refused answer turned into an accepted one: the reconciliation finds no Update for it.
    const [fao] = (await ds.query(
      `SELECT seq FROM audit_log WHERE network_code = 'xx' AND actor_agency = 'UNDP' AND outcome = 'rejected' AND command LIKE '%/complete'`,
    )) as { seq: string }[];
    await ds.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await ds.query(`UPDATE audit_log SET outcome = 'accepted' WHERE network_code = 'xx' AND seq = $1`, [fao.seq]);
    await ds.query(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const reconciled = await call<{ acceptedWithoutUpdate: { seq: number }[] }>(
      'GET',
      `/networks/xx/audit-log/reconcile?year=${new Date().getUTCFullYear()}`,
      key('auditor'),
    );
    expect(reconciled.body.acceptedWithoutUpdate.map((r) => r.seq)).toEqual([Number(fao.seq)]);
  });

  it('refuses every route that writes to an auditor key, and every audit route to an agency key', async () => {
    const doc = (await call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json')).body;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
    );
    const url = (path: string) => path.replace('{network}', 'tl').replace(/\{[^}]+\}/g, 'x');
    // Starting a replay job changes nothing of the network: it is the one POST an auditor makes. A route that needs no
    // key (a mail's unsubscribe link, which carries its own token) is no key's to refuse.
    const keyless = (r: { method: string; path: string }) =>
      ROUTE_POLICY[`${r.method} ${r.path.replace(/\{([^}]+)\}/g, ':$1')}`]?.who === 'anyone';
    const writes = routes.filter(
      (r) => r.method !== 'GET' && r.path.startsWith('/networks/') && !r.path.includes('/audits/') && !keyless(r),
    );
    // The log's public key is public: any key of the network reads it.
    const audits = routes.filter(
      (r) => /\/(histories|audit-log|audits)/.test(r.path) && !r.path.endsWith('/public-key'),
    );
    expect(writes.length).toBeGreaterThanOrEqual(12);
    expect(audits.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/networks/{network}/histories',
        '/networks/{network}/audit-log/verify',
        '/networks/{network}/audits/replays',
      ]),
    );
    for (const r of writes)
      expect({
        route: `${r.method} ${r.path}`,
        status: (await call(r.method, url(r.path), stack.key('auditor'), {})).status,
      }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    for (const r of audits)
      expect({
        route: `${r.method} ${r.path}`,
        status: (await call(r.method, url(r.path), stack.key('ILO'))).status,
      }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
  });

  it("filters by status in any casing, and counts a running process's events", async () => {
    // Last in this file: a process still running would change what the tests above list and export.
    const running = await call<{ workflowId: string }>('POST', '/networks/xx/decisions', key('coordinator'), {
      kind: 'general',
      title: 'Adopt the communication plan',
      text: 'As circulated',
      payload: {},
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(running.status).toBe(201);
    const listed = (status: string) =>
      call<{ items: HistoryRow[] }>('GET', `/networks/xx/histories?process=decision&status=${status}`, key('auditor'));
    const row = await waitFor(
      async () => (await listed('running')).body.items.find((i) => i.workflowId === running.body.workflowId),
      'the running decision in visibility',
    );
    expect(row).toMatchObject({ status: 'RUNNING', closedAt: null });
    expect(row.events).toBeGreaterThan(0); // visibility says 0 until a run closes
    for (const status of ['COMPLETED', 'completed', 'Completed'])
      expect((await listed(status)).body.items.map((i) => i.workflowId)).toContain(decision.workflowId);
    expect((await listed('CONTINUED_AS_NEW')).status).toBe(200);
  });
});
