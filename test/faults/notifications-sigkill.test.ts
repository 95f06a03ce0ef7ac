import { randomBytes } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

import { createApiApp } from '../../apps/api/create-api-app';
import { annualCycleWorkflowId } from '../../libs/processes/annual-cycle/ids';
import { seedApiKeys, seedNetwork } from '../../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { apiClient } from '../support/api-client';
import { Child } from '../support/child-process';
import { claimYear } from '../support/claim-year';
import { Mail, MailServer } from '../support/mail-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testEnv } from '../support/test-env';
import { testConfig } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { planFrom, proposal } from '../support/work-plan-fixtures';

const AGENCIES = TIMOR_LESTE.members.map((m) => m.code);
const LANGUAGES = ['en', 'tet', 'pt'] as const;
/** How each language's opening mail begins ("New task for ILO: …"). */
const OPENED = { en: 'New task for', tet: 'Knaar foun ba', pt: 'Nova tarefa para' } as const;

/**
 * Notifications while the worker (a process of its own, `apps/worker/main.ts`, whose dispatcher sends the mail) is
 * SIGKILLed twice during a compressed year: each agency's people get their task-opened and reminder mails in their
 * language, the coordinator the escalation of a late draft, and each fact once per person, counted by idempotency key
 * (a kill between the server's acceptance and the row's `sent` resends the same message, same key and Message-ID:
 * the one window an outbox over SMTP has; the test prints how often it was hit).
 */
describe('notifications under faults: the worker SIGKILLed twice during a compressed year', () => {
  const mail = new MailServer();
  const taskQueue = `notify-faults-${randomBytes(4).toString('hex')}`;
  const year = claimYear();
  const wf = annualCycleWorkflowId('tl', year);
  let db: TestDatabase;
  let api: INestApplication;
  let worker: Child;
  let call: ReturnType<typeof apiClient>;
  let baseUrl: string;
  const keys: Record<string, string> = {};
  const people: { email: string; language: (typeof LANGUAGES)[number]; agency: string }[] = [];
  let kills = 0;

  const startWorker = async () => {
    worker = Child.start('worker', 'apps/worker/main.ts', [], {
      DATABASE_URL: db.appUrl,
      TEMPORAL_ADDRESS: testEnv().temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: testEnv().workflowBundlePath,
      DATABASE_POOL_SIZE: '5',
      WORKER_HTTP_PORT: '0',
      TEMPORAL_METRICS_PORT: '0',
      SMTP_URL: mail.url,
      OUTBOX_POLL_MS: '100',
    });
    await worker.waitFor(/Polling task queue/);
  };
  const killWorker = async () => {
    await worker.kill('SIGKILL');
    kills++;
    await startWorker();
  };
  /**
   * A task completed as a careful client does while the worker restarts: a 503 or 504 (its answer lost) is sent again
   * with the same request id, which makes it the same Update, until it is answered.
   */
  const complete = async (task: string, key: string, payload: unknown) => {
    const requestId = `sigkill-${randomBytes(4).toString('hex')}`;
    return waitFor(
      async () => {
        const res = await fetch(`${baseUrl}/networks/tl/tasks/${encodeURIComponent(task)}/complete`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify(payload),
        });
        return res.status === 503 || res.status === 504 ? undefined : res.status;
      },
      `completing ${task}`,
      60_000,
    );
  };
  const keyOf = (m: Mail) => String(m.headers.get('x-mignet-idempotency-key') ?? '');
  const mailsOf = async (fragment: string) => (await mail.mails()).filter((m) => keyOf(m).includes(fragment));

  beforeAll(async () => {
    await mail.start();
    db = await createTestDatabase();
    const ds = await db.dataSource();
    await seedNetwork(ds, TIMOR_LESTE);
    for (const k of await seedApiKeys(ds, TIMOR_LESTE)) keys[k.label] = k.key;
    await startWorker();
    api = await createApiApp(
      testConfig({ databaseUrl: db.appUrl, temporalAddress: testEnv().temporalAddress, temporalTaskQueue: taskQueue }),
      ['error'],
    );
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    call = apiClient(baseUrl);
    const add = async (body: Record<string, string>) =>
      expect((await call('POST', '/networks/tl/people', keys['seed:coordinator'], body)).status).toBe(201);
    await add({ name: 'Network Coordinator', email: 'coordinator@iom.int', role: 'coordinator', language: 'en' });
    for (const [i, agency] of AGENCIES.entries())
      for (const [j, role] of ['focal-point', 'alternate'].entries()) {
        const language = LANGUAGES[(i + j) % 3];
        const email = `${role}@${agency.toLowerCase()}.example.org`;
        await add({ name: `${agency} ${role}`, email, role, agency, language });
        people.push({ email, language, agency });
      }
  }, 120_000);

  afterAll(async () => {
    const client = new Client({ connection: await Connection.connect({ address: testEnv().temporalAddress }) });
    await client.workflow
      .getHandle(wf)
      .terminate('test finished')
      .catch(() => undefined);
    await api?.close();
    await worker?.kill('SIGTERM');
    await mail.stop();
    await db?.drop();
  }, 60_000);

  it('tells everyone once: openings and reminders in their language, the escalation to the coordinator', async () => {
    const start = Date.now() + 1_000;
    const at = (s: number) => new Date(start + s * 1_000).toISOString();
    const started = await call('POST', '/networks/tl/cycles', keys['seed:coordinator'], {
      year,
      meetingsAndRounds: false,
      calendar: {
        start: at(0),
        end: at(120),
        deadlines: { planningDue: at(20), consolidationDue: at(30), endorsementDue: at(60), reviewDue: at(150) },
        offsets: { reminderBeforeMs: 5_000, escalationAfterMs: 3_000, revisionMs: 10_000, endorsementRoundMs: 10_000 },
      },
    });
    expect(started.status).toBe(201);

    // Killed once while the contributions' mails are going out; two agencies contribute meanwhile.
    await waitFor(
      async () => ((await mailsOf(`${wf}:contribute-activities:`)).length >= 3 ? true : undefined),
      'the first mails',
    );
    await killWorker();
    for (const agency of ['ILO', 'UNDP'])
      expect(
        await complete(`${wf}:contribute-activities:${agency}`, keys[`seed:agency:${agency}`], {
          activities: [proposal(agency)],
        }),
      ).toBe(200);

    // Killed again as the coordinator's draft goes overdue; its escalation reaches the coordinator all the same.
    const escalation = `${wf}:consolidate-plan:r1|escalated:`;
    await waitFor(
      async () => ((await mailsOf(`${wf}:consolidate-plan:r1|reminded:`)).length >= 1 ? true : undefined),
      "the draft's reminder",
      40_000,
    );
    await killWorker();
    const escalated = await waitFor(async () => (await mailsOf(escalation))[0], "the draft's escalation", 40_000);
    expect(escalated.envelopeTo).toEqual(['coordinator@iom.int']);
    expect(escalated.subject).toMatch(/^Overdue: IOM has not done "Consolidate the work plan"/);
    expect(
      await complete(`${wf}:consolidate-plan:r1`, keys['seed:coordinator'], { activities: planFrom(['ILO', 'UNDP']) }),
    ).toBe(200);

    // Every agency's people: the opening and the reminder of their contribution (but ILO's and UNDP's, done before
    // their reminder) and of their endorsement, each in their own language.
    await waitFor(
      async () =>
        (await mailsOf(`:endorse-plan:r1:`)).filter((m) => keyOf(m).includes('|reminded:')).length >= people.length
          ? true
          : undefined,
      'the endorsement reminders',
      60_000,
    );
    // Rows a killed dispatcher had claimed wait for its lease to lapse (30 s), then go.
    const ds = await db.dataSource();
    await waitFor(
      async () =>
        (
          (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`)) as {
            n: number;
          }[]
        )[0].n === 0 || undefined,
      'the outbox delivered',
      90_000,
    );
    const all = await mail.mails();
    // Which contributions were reminded is the history's (ILO and UNDP contribute early, unless a restart was slow).
    const reminded = new Set(
      (
        (await ds.query(
          `SELECT assignee FROM tasks WHERE process = $1 AND kind = 'contribute-activities' AND reminded_at IS NOT NULL`,
          [wf],
        )) as { assignee: string }[]
      ).map((r) => r.assignee),
    );
    expect(reminded.size).toBeGreaterThanOrEqual(AGENCIES.length - 2);
    for (const p of people) {
      const theirs = all.filter((m) => m.envelopeTo.includes(p.email));
      // Counted by idempotency key: a message the server received again under the same key (a resend after a kill
      // between its acceptance and its `sent`, with the same Message-ID) is one message.
      const about = (kind: string, fact: string) => [
        ...new Map(
          theirs
            .filter((m) => keyOf(m).includes(`:${kind}`) && keyOf(m).includes(`:${p.agency}|${fact}`))
            .map((m) => [keyOf(m), m]),
        ).values(),
      ];
      const expected = {
        contributionOpened: 1,
        contributionReminded: reminded.has(p.agency) ? 1 : 0,
        endorsementOpened: 1,
        endorsementReminded: 1,
        language: true,
      };
      expect({
        who: p.email,
        contributionOpened: about('contribute-activities', 'assigned:').length,
        contributionReminded: about('contribute-activities', 'reminded:').length,
        endorsementOpened: about('endorse-plan:r1', 'assigned:').length,
        endorsementReminded: about('endorse-plan:r1', 'reminded:').length,
        language: about('contribute-activities', 'assigned:').every((m) => m.subject!.startsWith(OPENED[p.language])),
      }).toEqual({ who: p.email, ...expected });
    }
    // Every row the outbox says was sent did arrive; the same message resent (one key, one Message-ID) is counted.
    const counted = new Map<string, number>();
    for (const m of all) counted.set(keyOf(m), (counted.get(keyOf(m)) ?? 0) + 1);
    const resent = [...counted.values()].filter((n) => n > 1).length;
    for (const m of all.filter((x) => (counted.get(keyOf(x)) ?? 0) > 1))
      expect(m.messageId).toBe(all.find((x) => keyOf(x) === keyOf(m))!.messageId);
    const sent = (await ds.query(`SELECT idempotency_key AS key FROM outbox WHERE status = 'sent'`)) as {
      key: string;
    }[];
    expect(sent.filter((r) => !counted.has(r.key))).toEqual([]);
    expect(kills).toBe(2);
    console.log(
      `[mignet] notifications under 2 worker SIGKILLs: ${counted.size} messages (by idempotency key) to ${people.length + 1} people, each fact once per person; ${all.length} deliveries: ${resent} message(s) resent under the same key after a kill`,
    );
  }, 300_000);
});
