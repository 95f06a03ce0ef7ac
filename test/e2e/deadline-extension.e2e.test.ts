import type { CycleDto } from '../../apps/api/annual-cycle/cycle.dto';
import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { claimYear } from '../support/claim-year';
import { recordHistory } from '../support/record-history';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

type Refusal = { statusCode: number; code: string; details?: { field: string }[] };

/**
 * The coordinator moves a phase deadline of a running cycle: an Update to the cycle, which moves the calendar's date
 * and extends the open tasks due by it. On a compressed calendar (planning due 12 s in, its reminder 3 s before), the
 * contributions are reminded at the new time, not the old one, and planning closes at the new deadline.
 */
describe('phase-deadline extension (end to end): the phase and its reminders move', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const extend = (year: number, deadline: string, body: unknown, key = coordinator()) =>
    call<Record<string, unknown> & Refusal>(
      'POST',
      `/networks/tl/cycles/${year}/deadlines/${deadline}/extend`,
      key,
      body,
    );
  const cycle = async (year: number) =>
    (await call<CycleDto>('GET', `/networks/tl/cycles/${year}`, coordinator())).body;
  const task = async (id: string) =>
    (await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(id)}`, coordinator())).body;

  it('moves planningDue and the contributions’ timers; refuses what it may not do, naming the field', async () => {
    const year = claimYear();
    const start = Date.now() + 1_000;
    const at = (s: number) => new Date(start + s * 1_000).toISOString();
    const calendar = {
      start: at(0),
      end: at(120),
      deadlines: { planningDue: at(12), consolidationDue: at(60), endorsementDue: at(80), reviewDue: at(150) },
      offsets: { reminderBeforeMs: 3_000, escalationAfterMs: 60_000, revisionMs: 10_000, endorsementRoundMs: 10_000 },
    };
    const started = await call('POST', '/networks/tl/cycles', coordinator(), {
      year,
      calendar,
      meetingsAndRounds: false,
    });
    expect(started.status).toBe(201);
    const wf = `annual-cycle:tl:${year}`;
    const ilo = `${wf}:contribute-activities:ILO`;
    const before = await waitFor(async () => {
      const t = await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(ilo)}`, coordinator());
      return t.status === 200 ? t.body : undefined;
    }, "ILO's contribution task");
    expect(before.dueAt).toBe(calendar.deadlines.planningDue);

    const until = at(27);
    const refused: [string, unknown, number, string][] = [
      ['planningDue', { until: calendar.deadlines.planningDue, reason: 'x' }, 422, 'until'],
      ['planningDue', { until: at(61), reason: 'x' }, 422, 'until'], // past consolidationDue
      ['planningDue', { until: until.slice(0, 19), reason: 'x' }, 400, 'until'], // no offset
      ['planningDue', { until }, 400, 'reason'],
      ['submissionDue', { until, reason: 'x' }, 400, 'deadline'],
    ];
    for (const [deadline, body, status, field] of refused) {
      const r = await extend(year, deadline, body);
      expect({ deadline, body, status: r.status, fields: [...new Set(r.body.details?.map((d) => d.field))] }).toEqual({
        deadline,
        body,
        status,
        fields: [field],
      });
    }
    expect((await extend(year, 'planningDue', { until, reason: 'x' }, stack.key('ILO'))).status).toBe(403);
    expect((await extend(year + 1, 'planningDue', { until, reason: 'x' })).status).toBe(404);
    expect((await task(ilo)).dueAt).toBe(before.dueAt); // nothing moved

    const extended = await extend(year, 'planningDue', { until, reason: 'Two members are consulting their capitals' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ deadline: 'planningDue', until, previous: calendar.deadlines.planningDue });
    expect(extended.body.tasksExtended).toContain(ilo);
    // Read your writes: the cycle's calendar and the task are moved once the answer is in.
    expect((await cycle(year)).calendar.deadlines.planningDue).toBe(until);
    const moved = await task(ilo);
    expect(moved).toMatchObject({ dueAt: until, remindAt: new Date(Date.parse(until) - 3_000).toISOString() });

    // Reminded at the new time, not 3 s before the old deadline; planning lasts until the new one.
    const reminded = await waitFor(
      async () => {
        const t = await task(ilo);
        return t.remindedAt ? t : undefined;
      },
      "ILO's reminder at the new time",
      60_000,
    );
    expect(Date.parse(reminded.remindedAt!)).toBeGreaterThanOrEqual(Date.parse(moved.remindAt));
    expect((await cycle(year)).phase).toBe('PLANNING');
    await waitFor(
      async () => ((await cycle(year)).phase === 'CONSOLIDATION' ? true : undefined),
      'consolidation',
      30_000,
    );
    const entered = Date.parse((await cycle(year)).phaseEnteredAt!);
    expect(entered).toBeGreaterThanOrEqual(Date.parse(until));

    // Once planning is over its deadline is too; the timeline says who moved it and why.
    const late = await extend(year, 'planningDue', { until: at(40), reason: 'too late' });
    expect(late.body).toMatchObject({ statusCode: 409, code: 'PHASE_CLOSED' });
    const timeline = await call<{ items: { type: string; what: string; agency: string | null }[] }>(
      'GET',
      `/networks/tl/histories/${encodeURIComponent(wf)}/timeline`,
      stack.key('auditor'),
    );
    expect(timeline.body.items.find((e) => e.type === 'DeadlineExtended')).toMatchObject({
      agency: 'IOM',
      what: expect.stringContaining('Two members are consulting their capitals'),
    });
    recordHistory(wf, 'deadline-extended');
  }, 120_000);
});
