import type { CycleDto, PlanDto } from '../../apps/api/annual-cycle/cycle.dto';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import type { AnnualReport } from '../../libs/processes/annual-cycle/annual-report-types';
import { findChainBreak, readAuditLog } from '../../libs/persistence/audit-chain';
import { percentile } from '../support/api-client';
import { recordHistory } from '../support/record-history';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { planFrom, proposal } from '../support/work-plan-fixtures';

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];

/** The annual cycle as its users see it: a whole year over HTTP with the nine Timor-Leste members. */
describe('annual cycle over HTTP (end to end)', () => {
  const { stack, call } = useTestStack({
    beforeClose: async ({ client }) => {
      for await (const s of client.schedule.list())
        if (s.scheduleId === 'annual-cycle-schedule:tl') await client.schedule.getHandle(s.scheduleId).delete();
    },
  });
  const completions: number[] = [];

  const openTasks = async (who: string, query: string) =>
    (await call<TaskPageDto>('GET', `/networks/tl/tasks?status=open&${query}`, stack.key(who))).body.items;

  /** Waits until `who` has an open task matching `query`, then completes it; records the HTTP latency. */
  async function completeWhenOpen(who: string, query: string, payload: unknown, actor = who): Promise<TaskDto> {
    const [task] = await waitFor(
      async () => {
        const items = await openTasks(who, query);
        return items.length > 0 ? items : undefined;
      },
      `an open task for ${who} (${query})`,
      30_000,
    );
    return complete(task.id, payload, actor);
  }

  async function complete(taskId: string, payload: unknown, actor: string): Promise<TaskDto> {
    const res = await call<TaskDto>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(taskId)}/complete`,
      stack.key(actor),
      payload,
    );
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
      body: { id: taskId, status: 'completed' },
    });
    completions.push(res.ms);
    return res.body;
  }

  const cycle = async (year: number) =>
    (await call<CycleDto>('GET', `/networks/tl/cycles/${year}`, stack.key('auditor'))).body;
  const phaseIs = (year: number, phase: string, timeoutMs = 30_000) =>
    waitFor(async () => ((await cycle(year)).phase === phase ? true : undefined), `phase ${phase}`, timeoutMs);

  it('runs a whole year: contributions, consolidation, an objection and a revision, silence as consent, four quarters, the report', async () => {
    const year = claimYear();
    const start = Date.now() + 1_000;
    const at = (s: number) => new Date(start + s * 1_000).toISOString();
    const calendar = {
      start: at(0),
      end: at(28),
      // Planning leaves 7 s for ten answers, so that a slow, shared machine does not miss the deadline.
      deadlines: { planningDue: at(7), consolidationDue: at(9), endorsementDue: at(12), reviewDue: at(45) },
      offsets: { reminderBeforeMs: 500, escalationAfterMs: 500, revisionMs: 3_000, endorsementRoundMs: 3_000 },
    };
    // Someone of ILO to be told of the year (in Tetum), the finalised report included.
    expect(
      (
        await call('POST', '/networks/tl/people', stack.key('coordinator'), {
          name: 'Ana Relatóriu',
          email: 'arelatoriu@ilo.org',
          role: 'focal-point',
          agency: 'ILO',
          language: 'tet',
        })
      ).status,
    ).toBe(201);
    const started = await call('POST', '/networks/tl/cycles', stack.key('coordinator'), { year, calendar });
    expect(started.status).toBe(201);
    const wf = `annual-cycle:tl:${year}`;

    // PLANNING: every member contributes; UNDP resubmits with a second activity.
    await Promise.all(
      MEMBERS.map((m) =>
        completeWhenOpen(m, `kind=contribute-activities&process=${wf}`, { activities: [proposal(m)] }),
      ),
    );
    const resubmitted = await complete(
      `${wf}:contribute-activities:UNDP`,
      { activities: [proposal('UNDP', 1), proposal('UNDP', 2)] },
      'UNDP',
    );
    expect(resubmitted.submissions).toBe(2);

    // CONSOLIDATION: the coordinator submits a draft once planning closes.
    const activities = planFrom(['ILO', 'UNDP', 'IOM', 'UNICEF', 'OHCHR']);
    await completeWhenOpen('coordinator', `kind=consolidate-plan&process=${wf}`, {
      activities: activities.slice(0, 4),
    });

    // ENDORSEMENT: OHCHR objects; the plan goes back for revision 2, which adds its activity.
    await completeWhenOpen('OHCHR', `kind=endorse-plan&process=${wf}`, {
      decision: 'object',
      comment: 'Add the human-rights activity',
    });
    await completeWhenOpen('coordinator', `kind=consolidate-plan&process=${wf}`, {
      activities,
      note: 'OHCHR activity added',
    });
    // Round 2: everyone but FAO endorses; FAO stays silent, which counts as consent at the round's deadline.
    await Promise.all(
      MEMBERS.filter((m) => m !== 'FAO').map((m) =>
        completeWhenOpen(m, `kind=endorse-plan&process=${wf}`, { decision: 'endorse' }),
      ),
    );
    await phaseIs(year, 'IMPLEMENTATION');

    // IMPLEMENTATION: each lead agency reports on its activity in all four quarters.
    for (const quarter of [1, 2, 3, 4]) {
      await Promise.all(
        activities.map((a) =>
          waitFor(
            async () => {
              const items = await openTasks(a.leadAgency, `kind=report-progress&process=${wf}`);
              return items.find((t) => t.subject === `Q${quarter}:${a.id}`);
            },
            `Q${quarter} progress task for ${a.id}`,
            30_000,
          ).then((t) =>
            complete(
              t.id,
              {
                status: quarter === 4 && a.id === 'A2' ? 'completed' : a.id === 'A3' ? 'delayed' : 'on-track',
                note: `Q${quarter}`,
              },
              a.leadAgency,
            ),
          ),
        ),
      );
    }

    // ANNUAL REVIEW: the report is drafted from the year's data; the coordinator finalises it.
    await completeWhenOpen('coordinator', `kind=finalise-report&process=${wf}`, {
      summary: 'The Network delivered its 2040s plan',
    });
    await phaseIs(year, 'CLOSED');
    const told = await waitFor(
      async () =>
        (await stack.mail.mails()).find((m) =>
          String(m.headers.get('x-mignet-idempotency-key')).startsWith(`${wf}|report-finalised|`),
        ),
      'the finalised report told',
    );
    expect(told.subject).toBe(`Relatóriu anuál ${year} UN Migration Network in Timor-Leste nian remata ona`);
    expect(told.envelopeTo).toEqual(['arelatoriu@ilo.org']);

    const closed = await cycle(year);
    const report = closed.report as AnnualReport & { summary: string };
    expect(closed.planRevision).toBe(2);
    expect(report.summary).toBe('The Network delivered its 2040s plan');
    expect(report.revisions.map((r) => r.objections.map((o) => o.agency))).toEqual([['OHCHR'], []]);
    expect(report.activities.map((a) => [a.id, a.status])).toEqual([
      ['A1', 'on-track'],
      ['A2', 'completed'],
      ['A3', 'delayed'],
      ['A4', 'on-track'],
      ['A5', 'on-track'],
    ]);
    expect(report.activities[0].quarters.map((q) => q.status)).toEqual([
      'on-track',
      'on-track',
      'on-track',
      'on-track',
    ]);
    expect(report.activities[0].quarters[0].late).toBe(true); // Q1 had ended before the plan was endorsed
    expect(report.contributions.find((c) => c.agency === 'UNDP')).toEqual({ agency: 'UNDP', activities: 2 });
    expect(report.missedTasks).toEqual([
      expect.objectContaining({ id: `${wf}:endorse-plan:r2:FAO`, meaning: 'consent by silence' }),
    ]);
    expect(report.gcmCoverage.find((c) => c.objective === 6)?.activities).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);

    // Q1's reports were asked for after Q1 had ended: they were escalated to the coordinator, and listed as such.
    // A later quarter may have ended too on a slow machine: a report escalates only if it was still open at its escalation
    // time, and one answered well before it never does (a completion and the timer landing together may go either way).
    const reports = (
      await call<TaskPageDto>(
        'GET',
        `/networks/tl/tasks?kind=report-progress&process=${wf}&pageSize=100`,
        stack.key('coordinator'),
      )
    ).body.items;
    expect(reports).toHaveLength(20);
    const inconsistent = reports
      .map((t) => ({
        task: t.subject,
        escalatedAt: t.escalatedAt,
        escalateAt: t.escalateAt,
        completedAt: t.completedAt,
        lateByMs: Date.parse(t.completedAt!) - Date.parse(t.escalateAt!),
      }))
      .filter((t) => (t.escalatedAt !== null ? !(t.lateByMs >= 0) : t.escalateAt !== null && !(t.lateByMs < 2_000)));
    expect(inconsistent).toEqual([]);
    const escalated = (
      await call<TaskPageDto>('GET', `/networks/tl/tasks?escalated=true&process=${wf}`, stack.key('coordinator'))
    ).body.items;
    const subjects = escalated.map((t) => t.subject).sort();
    expect(subjects).toEqual(
      reports
        .filter((t) => t.escalatedAt !== null)
        .map((t) => t.subject)
        .sort(),
    );
    expect(subjects).toEqual(expect.arrayContaining(activities.map((a) => `Q1:${a.id}`)));
    expect((await call('GET', `/networks/tl/tasks?escalated=maybe`, stack.key('coordinator'))).status).toBe(400);

    const plan = (await call<PlanDto>('GET', `/networks/tl/cycles/${year}/plan`, stack.key('ILO'))).body;
    expect(plan.revisions).toHaveLength(2);
    expect(plan.activities).toHaveLength(5);
    expect(plan.activities[2]).toMatchObject({ id: 'A3', status: 'delayed', leadAgency: 'IOM' });

    // Once the year has closed, a late answer is refused with 409, and the refusal is audited too.
    const late = await call(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(`${wf}:contribute-activities:ILO`)}/complete`,
      stack.key('ILO'),
      { activities: [] },
    );
    expect(late.body).toMatchObject({ statusCode: 409, code: 'TASK_CLOSED' });

    // Every accepted command is in the audit log, chained.
    const rows = await auditRows();
    expect(
      rows.filter((r) => r.outcome === 'accepted' && r.command.endsWith('/complete')).length,
    ).toBeGreaterThanOrEqual(completions.length);
    expect(findChainBreak(rows)).toBeUndefined();

    const ms = completions;
    console.log(
      `[mignet] task completion over HTTP in the whole-year run: n=${ms.length}, median ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms`,
    );
    recordHistory(wf, 'whole-year');
  }, 90_000);

  async function auditRows() {
    const ds = await stack.db.dataSource();
    return readAuditLog((sql, params) => ds.query(sql, params), 'tl');
  }

  it('gives exactly one 200 to 20 simultaneous completions of one task', async () => {
    const year = claimYear();
    const start = Date.now();
    const at = (s: number) => new Date(start + s * 1_000).toISOString();
    expect(
      (
        await call('POST', '/networks/tl/cycles', stack.key('coordinator'), {
          year,
          calendar: { start: at(0), end: at(3_600), deadlines: { planningDue: at(1) } },
        })
      ).status,
    ).toBe(201);
    const [task] = await waitFor(async () => {
      const items = await openTasks('coordinator', `kind=consolidate-plan&process=annual-cycle:tl:${year}`);
      return items.length > 0 ? items : undefined;
    }, 'the consolidation task');
    const payload = { activities: planFrom(['ILO']) };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', `/networks/tl/tasks/${encodeURIComponent(task.id)}/complete`, stack.key('coordinator'), payload),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    expect(
      (await cycle(year)).planRevision ??
        (await waitFor(async () => (await cycle(year)).planRevision ?? undefined, 'the plan projection')),
    ).toBe(1);
    const rejected = (await auditRows()).filter((r) => r.target === task.id && r.outcome === 'rejected');
    expect(rejected).toHaveLength(19);
    expect(rejected.every((r) => r.status === 409 && r.actorAgency === 'IOM')).toBe(true);
  });

  it('answers 404, 403 and 422 naming the field, and lets an agency see only its own tasks', async () => {
    const year = claimYear();
    const start = Date.now();
    expect(
      (
        await call('POST', '/networks/tl/cycles', stack.key('coordinator'), {
          year,
          calendar: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        })
      ).status,
    ).toBe(201);
    const wf = `annual-cycle:tl:${year}`;
    const [iloTask] = await waitFor(async () => {
      const items = await openTasks('ILO', `process=${wf}`);
      return items.length > 0 ? items : undefined;
    }, 'ILO’s contribute task');
    const path = `/networks/tl/tasks/${encodeURIComponent(iloTask.id)}/complete`;

    expect(
      (await call('POST', `/networks/tl/tasks/${encodeURIComponent(`${wf}:nope`)}/complete`, stack.key('ILO'), {}))
        .body,
    ).toMatchObject({ statusCode: 404, code: 'TASK_NOT_FOUND' });
    expect((await call('POST', path, stack.key('FAO'), { activities: [] })).body).toMatchObject({
      statusCode: 403,
      code: 'NOT_ASSIGNEE',
    });
    expect((await call('POST', path, stack.key('auditor'), { activities: [] })).status).toBe(403);
    const invalid = await call<{ code: string; details: { field: string }[] }>('POST', path, stack.key('ILO'), {
      activities: [{ ...proposal('ILO'), gcmObjectives: [24] }],
      extra: 1,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.details.map((d) => d.field)).toEqual(['extra', 'activities[0].gcmObjectives[0]']);
    expect((await call('POST', path, stack.key('ILO'), { activities: [proposal('ILO')] })).status).toBe(200);

    // An agency sees its own tasks only; the coordinator and auditors see everyone's, page by page.
    const own = await call<TaskPageDto>('GET', `/networks/tl/tasks?process=${wf}`, stack.key('ILO'));
    expect(own.body.items.map((t) => t.assignee)).toEqual(['ILO']);
    expect((await call('GET', `/networks/tl/tasks?assignee=FAO`, stack.key('ILO'))).status).toBe(403);
    expect(
      (
        await call(
          'GET',
          `/networks/tl/tasks/${encodeURIComponent(`${wf}:contribute-activities:FAO`)}`,
          stack.key('ILO'),
        )
      ).status,
    ).toBe(403);
    const page = await call<TaskPageDto>(
      'GET',
      `/networks/tl/tasks?process=${wf}&pageSize=4&page=2`,
      stack.key('auditor'),
    );
    expect(page.body).toMatchObject({ page: 2, pageSize: 4, total: 9 });
    expect(page.body.items).toHaveLength(4);
    expect(
      (await call<{ details: { field: string }[] }>('GET', '/networks/tl/tasks?status=done', stack.key('auditor'))).body
        .details[0].field,
    ).toBe('status');

    // A task that does not exist yet (planning is still open) is 404, for the coordinator too.
    const early = await call(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(`${wf}:consolidate-plan:r1`)}/complete`,
      stack.key('coordinator'),
      { activities: planFrom(['ILO']) },
    );
    expect(early.body).toMatchObject({ statusCode: 404, code: 'TASK_NOT_FOUND' });
  });

  it('keeps one yearly schedule per network: created, then unchanged, then updated; and it starts next year’s cycle', async () => {
    const put = (body: object) =>
      call<{ outcome: string; nextRuns: string[] }>(
        'PUT',
        '/networks/tl/schedules/annual-cycle',
        stack.key('coordinator'),
        body,
      );
    expect((await put({ month: 11, day: 15, hour: 9 })).body.outcome).toBe('created');
    expect((await put({ month: 11, day: 15, hour: 9 })).body.outcome).toBe('unchanged');
    const updated = await put({ month: 12, day: 1 });
    expect(updated.body.outcome).toBe('updated');
    expect(updated.body.nextRuns.length).toBeGreaterThan(0);
    expect((await put({ month: 2, day: 30 })).body).toMatchObject({ statusCode: 400, details: [{ field: 'day' }] });
    expect(
      (await call('PUT', '/networks/tl/schedules/annual-cycle', stack.key('ILO'), { month: 1, day: 1 })).status,
    ).toBe(403);
    expect((await call('GET', '/networks/tl/schedules/annual-cycle', stack.key('auditor'))).body).toMatchObject({
      month: 12,
      day: 1,
      hour: 0,
      timeZone: 'Asia/Dili',
    });

    await stack.client.schedule.getHandle('annual-cycle-schedule:tl').trigger();
    const nextYear = new Date(Date.now() + 9 * 3_600_000).getUTCFullYear() + 1;
    const desc = await waitFor(
      () =>
        stack.client.workflow
          .getHandle(`annual-cycle:tl:${nextYear}`)
          .describe()
          .catch(() => undefined),
      'the scheduled cycle',
    );
    expect(desc.status.name).toBe('RUNNING');
    expect(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
      expect.arrayContaining([['MignetYear', nextYear]]),
    );
  });
});
