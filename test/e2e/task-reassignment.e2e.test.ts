import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { claimYear } from '../support/claim-year';
import { recordHistory } from '../support/record-history';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

const YEAR = claimYear(); // the round's id carries it, and test files share one Temporal server

/**
 * The coordinator gives a task that is a responsibility (a TWG's report) to another member agency, with a reason and
 * a later due time: an Update to the owning workflow, so the new assignee is reminded at the new time.
 */
describe('task reassignment (end to end)', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const task = (id: string) => call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(id)}`, coordinator());
  const reassign = (id: string, body: unknown, key = coordinator()) =>
    call<TaskDto & { details?: { field: string }[] }>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(id)}/reassign`,
      key,
      body,
    );

  it("moves a TWG's report to another member with its timers, and refuses what is an agency's own answer", async () => {
    const started = await call<{ id: string }>('POST', '/networks/tl/twgs/labour-migration/rounds', coordinator(), {
      year: YEAR,
      period: 4,
      start: new Date().toISOString(),
      end: new Date(Date.now() + 2_000).toISOString(),
    });
    expect(started.status).toBe(201);
    const round = started.body.id;
    const update = (agency: string) => `${round}:submit-twg-update:${agency}`;
    await waitFor(async () => ((await task(update('ILO'))).status === 200 ? true : undefined), 'the update tasks');

    // An update is the agency's own: it is not given to another.
    const own = await reassign(update('UNDP'), { agency: 'IOM', reason: 'UNDP is away' });
    expect(own).toMatchObject({ status: 422, body: { details: [{ field: 'agency' }] } });
    for (const agency of ['ILO', 'IOM', 'UNWOMEN', 'UNDP'])
      expect(
        (
          await call('POST', `/networks/tl/tasks/${update(agency)}/complete`, stack.key(agency), {
            delivery: `${agency} delivered`,
            impediments: [],
          })
        ).status,
      ).toBe(200);

    const report = `${round}:consolidate-twg-report`;
    const before = await waitFor(async () => {
      const t = await task(report);
      return t.status === 200 ? t.body : undefined;
    }, "the lead's report task");
    expect(before.assignee).toBe('ILO');

    // Refused, naming the field, nothing changed: not a member, the same agency, no reason, not the coordinator.
    expect((await reassign(report, { agency: 'WHO', reason: 'x' })).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'agency' }],
    });
    expect((await reassign(report, { agency: 'ILO', reason: 'x' })).body).toMatchObject({
      statusCode: 422,
      details: [{ field: 'agency' }],
    });
    expect((await reassign(report, { agency: 'IOM', reason: ' ' })).body).toMatchObject({
      statusCode: 422,
      details: [{ field: 'reason' }],
    });
    expect((await reassign(report, { agency: 'IOM', reason: 'x' }, stack.key('ILO'))).status).toBe(403);
    expect((await task(report)).body.assignee).toBe('ILO');

    const newDue = new Date(Math.max(Date.parse(before.dueAt), Date.now()) + 15_000).toISOString();
    const moved = await reassign(report, {
      agency: 'IOM',
      reason: 'ILO’s focal point is on mission: IOM writes this report',
      dueAt: newDue,
    });
    expect(moved.status).toBe(200);
    const delta = Date.parse(newDue) - Date.parse(before.dueAt);
    const shifted = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + delta).toISOString());
    expect(moved.body).toMatchObject({
      assignee: 'IOM',
      status: 'open',
      dueAt: newDue,
      remindAt: shifted(before.remindAt),
      remindedAt: null, // the new assignee is reminded in its turn
    });

    // Reminded at the new time, not before; and now IOM's to write, not ILO's.
    const reminded = await waitFor(
      async () => {
        const t = (await task(report)).body;
        return t.remindedAt ? t : undefined;
      },
      "IOM's reminder at the new time",
      30_000,
    );
    expect(Date.parse(reminded.remindedAt!)).toBeGreaterThanOrEqual(Date.parse(moved.body.remindAt));
    const body = { summary: 'On track', impediments: [] };
    expect((await call('POST', `/networks/tl/tasks/${report}/complete`, stack.key('ILO'), body)).status).toBe(403);
    const done = await call<TaskDto>('POST', `/networks/tl/tasks/${report}/complete`, stack.key('IOM'), body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ completedBy: 'IOM', assignee: 'IOM' });

    // In the history (the timeline says who moved it and why) and in the audit log.
    const timeline = await call<{ items: { type: string; what: string; role: string }[] }>(
      'GET',
      `/networks/tl/histories/${encodeURIComponent(round)}/timeline`,
      stack.key('auditor'),
    );
    expect(timeline.body.items.find((e) => e.type === 'TaskReassigned')).toMatchObject({
      role: 'coordinator',
      what: expect.stringContaining('reassigned from ILO to IOM'),
    });
    const log = await call<{ items: { command: string; target: string; status: number }[] }>(
      'GET',
      '/networks/tl/audit-log?pageSize=500',
      stack.key('auditor'),
    );
    expect(
      log.body.items
        .filter((r) => r.command === 'POST /networks/:network/tasks/:id/reassign' && r.target === report)
        .map((r) => r.status)
        .sort(),
    ).toEqual([200, 400, 403, 422, 422]);
    // The report written by IOM closes the round: its history is a replay fixture with a TaskReassigned in it.
    const closed = await waitFor(async () => {
      const rounds = await call<{ items: { id: string; status: string; report: unknown }[] }>(
        'GET',
        '/networks/tl/twgs/labour-migration/rounds',
        stack.key('auditor'),
      );
      return rounds.body.items.find((r) => r.id === round && r.status === 'CLOSED');
    }, 'the closed round');
    expect(closed.report).toMatchObject({ summary: 'On track' });
    recordHistory(round, 'reassigned-report');
  });
});
