import {
  applyAnnualCycleEvent,
  checkAnnualCycleCommand,
  CycleState,
  CycleTransitionError,
  foldAnnualCycleEvents,
  initialAnnualCycleState,
} from '../../libs/processes/annual-cycle/annual-cycle';
import { nextAnnualCycleWakeUp, settleAnnualCycle } from '../../libs/processes/annual-cycle/decide';
import { compressedCalendar } from '../../libs/domain/calendar';
import { Actor } from '../../libs/domain/roles';
import { taskId } from '../../libs/domain/tasks';
import { planFrom, proposal } from '../support/work-plan-fixtures';

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];
const P = 'annual-cycle:tl:2027';
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
// A year in 100 s: planning due at +15 s, consolidation at +25 s, endorsement at +35 s, review at +120 s.
const calendar = compressedCalendar(2027, new Date(T0), 100_000);
const coordinator: Actor = { role: 'coordinator', agency: 'IOM' };
const agency = (code: string): Actor => ({ role: 'agency', agency: code });

function started(): CycleState {
  return applyAnnualCycleEvent(initialAnnualCycleState('tl', 2027), {
    type: 'CycleStarted',
    at: new Date(T0).toISOString(),
    by: coordinator,
    calendar,
    network: { members: MEMBERS, coordinatorAgency: 'IOM', networkObjectives: 9 },
  });
}

/** Lets time pass to `t` (ms after T0), applying what becomes due, as the workflow does. */
const at = (state: CycleState, t: number) => settleAnnualCycle(state, T0 + t, P, applyAnnualCycleEvent).state;

function complete(state: CycleState, id: string, by: Actor, payload: unknown, t: number): CycleState {
  const refused = checkAnnualCycleCommand(state, { taskId: id, by, payload }, T0 + t);
  if (refused) throw new Error(`${refused.code}: ${refused.message}`);
  return applyAnnualCycleEvent(state, {
    type: 'TaskCompleted',
    at: new Date(T0 + t).toISOString(),
    taskId: id,
    by,
    payload,
  });
}

const id = (kind: Parameters<typeof taskId>[1], ...subject: string[]) => taskId(P, kind, ...subject);

describe('annual cycle: reducer and decisions', () => {
  it('opens a contribute task per member with a reminder before the deadline, and expires silence as "none"', () => {
    let s = at(started(), 0);
    expect(s.phase).toBe('PLANNING');
    const tasks = Object.values(s.tasks);
    expect(tasks.map((t) => t.assignee).sort()).toEqual(MEMBERS);
    expect(tasks[0]).toMatchObject({
      kind: 'contribute-activities',
      dueAt: calendar.deadlines.planningDue,
      expiresAt: calendar.deadlines.planningDue,
    });
    expect(Date.parse(tasks[0].remindAt)).toBe(
      Date.parse(calendar.deadlines.planningDue) - calendar.offsets.reminderBeforeMs,
    );
    expect(nextAnnualCycleWakeUp(s, T0)).toBe(Date.parse(tasks[0].remindAt));

    s = at(s, 14_000); // past the reminder, before the deadline
    expect(Object.values(s.tasks).every((t) => t.remindedAt !== null)).toBe(true);
    s = complete(s, id('contribute-activities', 'ILO'), agency('ILO'), { activities: [proposal('ILO')] }, 14_000);
    s = at(s, 15_000); // the deadline
    expect(s.phase).toBe('CONSOLIDATION');
    expect(s.tasks[id('contribute-activities', 'ILO')].status).toBe('completed');
    expect(s.tasks[id('contribute-activities', 'FAO')]).toMatchObject({
      status: 'expired',
      closedReason: 'no contribution (recorded as none)',
    });
    expect(s.contributions.FAO).toEqual({ activities: [], at: null });
  });

  it('gives a cycle started after the planning deadline a fresh window for contributions', () => {
    let s = at(started(), 20_000); // planningDue was at 15 s
    expect(s.phase).toBe('PLANNING');
    const task = s.tasks[id('contribute-activities', 'ILO')];
    expect(Date.parse(task.dueAt)).toBe(T0 + 20_000 + calendar.offsets.revisionMs);
    s = complete(s, task.id, agency('ILO'), { activities: [proposal('ILO')] }, 21_000);
    expect(at(s, 21_000).phase).toBe('PLANNING');
    expect(nextAnnualCycleWakeUp(s, T0 + 21_000)).toBeLessThanOrEqual(Date.parse(task.dueAt));
    expect(at(s, 20_000 + calendar.offsets.revisionMs).phase).toBe('CONSOLIDATION');
  });

  it('lets an agency resubmit until the deadline, keeping the last answer', () => {
    let s = at(started(), 0);
    s = complete(s, id('contribute-activities', 'UNDP'), agency('UNDP'), { activities: [proposal('UNDP', 1)] }, 1_000);
    s = complete(
      s,
      id('contribute-activities', 'UNDP'),
      agency('UNDP'),
      { activities: [proposal('UNDP', 1), proposal('UNDP', 2)] },
      2_000,
    );
    expect(s.contributions.UNDP.activities).toHaveLength(2);
    expect(s.tasks[id('contribute-activities', 'UNDP')]).toMatchObject({ status: 'completed', submissions: 2 });
    // After the deadline (even before the workflow's timer has fired) the resubmission is refused.
    expect(
      checkAnnualCycleCommand(
        s,
        { taskId: id('contribute-activities', 'UNDP'), by: agency('UNDP'), payload: { activities: [] } },
        T0 + 15_000,
      ),
    ).toMatchObject({
      code: 'TASK_CLOSED',
    });
  });

  it('refuses another agency, a bad payload naming its field, and a task of a closed phase', () => {
    const s = at(started(), 0);
    const contribute = id('contribute-activities', 'ILO');
    expect(
      checkAnnualCycleCommand(s, { taskId: contribute, by: agency('FAO'), payload: { activities: [] } }, T0)?.code,
    ).toBe('NOT_ASSIGNEE');
    expect(
      checkAnnualCycleCommand(s, { taskId: contribute, by: coordinator, payload: { activities: [] } }, T0)?.code,
    ).toBe('NOT_ASSIGNEE');
    const bad = checkAnnualCycleCommand(
      s,
      {
        taskId: contribute,
        by: agency('ILO'),
        payload: { activities: [proposal('ILO', 1, { gcmObjectives: [], leadAgency: 'WHO' })] },
      },
      T0,
    );
    expect(bad?.code).toBe('INVALID_PAYLOAD');
    expect(bad?.details.map((d) => d.field)).toEqual(['activities[0].leadAgency', 'activities[0].gcmObjectives']);
    // UN INFO's fields are optional; given, each is checked and named.
    const unInfo = {
      sdgTargets: ['10.7', '18.1'],
      genderMarker: 4,
      geography: ['Dili'],
      budget: { available: 5 } as never,
    };
    const badUnInfo = checkAnnualCycleCommand(
      s,
      { taskId: contribute, by: agency('ILO'), payload: { activities: [proposal('ILO', 1, unInfo)] } },
      T0,
    );
    expect(badUnInfo?.details).toEqual([
      { field: 'activities[0].sdgTargets[1]', message: 'must be an SDG target such as 10.7, 8.8 or 5.a' },
      { field: 'activities[0].genderMarker', message: 'must be a marker from 0 to 3' },
      { field: 'activities[0].budget.planned', message: 'must be an amount in US dollars (0 or more)' },
    ]);
    const good = { ...unInfo, sdgTargets: ['10.7', '5.a'], genderMarker: 2, budget: { planned: 1e5, available: 5e4 } };
    expect(
      checkAnnualCycleCommand(
        s,
        { taskId: contribute, by: agency('ILO'), payload: { activities: [proposal('ILO', 1, good)] } },
        T0,
      ),
    ).toBeUndefined();
    expect(() =>
      applyAnnualCycleEvent(s, {
        type: 'TaskCompleted',
        at: new Date(T0).toISOString(),
        taskId: contribute,
        by: agency('FAO'),
        payload: { activities: [] },
      }),
    ).toThrow(CycleTransitionError);
  });

  /** Drives a whole year through the pure decisions: the same path the workflow takes, without Temporal. */
  function throughEndorsement(objector?: string): CycleState {
    let s = at(started(), 0);
    for (const m of MEMBERS)
      s = complete(s, id('contribute-activities', m), agency(m), { activities: [proposal(m)] }, 1_000);
    s = at(s, 15_000);
    s = complete(s, id('consolidate-plan', 'r1'), coordinator, { activities: planFrom(MEMBERS.slice(0, 4)) }, 16_000);
    s = at(s, 16_000);
    expect(s.phase).toBe('ENDORSEMENT');
    if (objector)
      s = complete(
        s,
        id('endorse-plan', 'r1', objector),
        agency(objector),
        { decision: 'object', comment: 'Add a TWG' },
        17_000,
      );
    return at(s, 17_000);
  }

  it('sends the plan back to consolidation on an objection, cancelling the round, and adopts a revision by silence', () => {
    let s = throughEndorsement('OHCHR');
    expect(s.phase).toBe('CONSOLIDATION');
    expect(s.tasks[id('endorse-plan', 'r1', 'ILO')]).toMatchObject({
      status: 'cancelled',
      closedReason: expect.stringContaining('objection by OHCHR'),
    });
    expect(s.revisions[0].objections).toEqual([
      { agency: 'OHCHR', comment: 'Add a TWG', at: new Date(T0 + 17_000).toISOString() },
    ]);
    const r2 = s.tasks[id('consolidate-plan', 'r2')];
    expect(Date.parse(r2.dueAt)).toBe(T0 + 17_000 + calendar.offsets.revisionMs);

    s = complete(
      s,
      id('consolidate-plan', 'r2'),
      coordinator,
      { activities: planFrom(MEMBERS.slice(0, 5)), note: 'TWG added' },
      18_000,
    );
    s = at(s, 18_000);
    const round2 = Object.values(s.tasks).filter((t) => t.subject?.startsWith('r2:'));
    expect(round2).toHaveLength(MEMBERS.length);
    expect(Date.parse(round2[0].dueAt)).toBe(T0 + 18_000 + calendar.offsets.endorsementRoundMs);
    for (const m of MEMBERS.filter((m) => m !== 'FAO'))
      s = complete(s, id('endorse-plan', 'r2', m), agency(m), { decision: 'endorse' }, 19_000);
    s = at(s, 19_000);
    expect(s.phase).toBe('ENDORSEMENT'); // FAO has not answered yet
    s = at(s, 18_000 + calendar.offsets.endorsementRoundMs);
    expect(s.phase).toBe('IMPLEMENTATION');
    expect(s.tasks[id('endorse-plan', 'r2', 'FAO')]).toMatchObject({
      status: 'expired',
      closedReason: 'consent by silence',
    });
    expect(s.revisions[1].endorsedAt).not.toBeNull();
  });

  it('refuses an objection after the endorsement deadline', () => {
    const s = throughEndorsement();
    const late = checkAnnualCycleCommand(
      s,
      { taskId: id('endorse-plan', 'r1', 'ILO'), by: agency('ILO'), payload: { decision: 'object', comment: 'late' } },
      Date.parse(calendar.deadlines.endorsementDue),
    );
    expect(late?.code).toBe('TASK_CLOSED');
    expect(at(s, 35_000).phase).toBe('IMPLEMENTATION'); // everyone silent: consent
  });

  it('asks each lead agency for quarterly progress, escalates late reports, records misses, and drafts the report', () => {
    let s = at(throughEndorsement(), 35_000);
    expect(s.phase).toBe('IMPLEMENTATION');
    // Q1 (started before implementation) and Q2 (from 25 s) are open now; one task per activity and quarter.
    const q1 = id('report-progress', 'Q1', 'A1');
    expect(s.tasks[q1]).toMatchObject({ assignee: 'FAO', dueAt: calendar.quarters[0].end, expiresAt: calendar.end });
    s = complete(
      s,
      id('report-progress', 'Q2', 'A2'),
      agency('ILO'),
      { status: 'delayed', note: 'Waiting on data' },
      36_000,
    );
    s = at(s, 52_000); // after Q2's end plus the escalation offset
    expect(s.tasks[id('report-progress', 'Q2', 'A1')].escalatedAt).not.toBeNull();
    // An indicator the activity does not have is refused, naming the field and the ones it has.
    const unknown = checkAnnualCycleCommand(
      s,
      {
        taskId: id('report-progress', 'Q2', 'A1'),
        by: agency('FAO'),
        payload: { status: 'on-track', indicators: [{ name: 'Workers helped', value: '3' }] },
      },
      T0 + 52_000,
    );
    expect(unknown).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ field: 'indicators[0].name', message: 'must be an indicator of A1: Workers reached' }],
    });
    s = complete(
      s,
      id('report-progress', 'Q2', 'A1'),
      agency('FAO'),
      { status: 'on-track', indicators: [{ name: 'Workers reached', value: '120' }] },
      52_000,
    );
    s = complete(s, id('report-progress', 'Q3', 'A3'), agency('IOM'), { status: 'cancelled' }, 52_000);
    s = at(s, 76_000);
    expect(s.tasks[id('report-progress', 'Q4', 'A3')]).toBeUndefined(); // no reports on a cancelled activity
    // A4 is cancelled in its Q1 report while Q2 is already open: the Q2 task closes with the reason.
    s = complete(s, id('report-progress', 'Q1', 'A4'), agency('OHCHR'), { status: 'cancelled' }, 76_000);
    s = at(s, 76_000);
    expect(s.tasks[id('report-progress', 'Q2', 'A4')]).toMatchObject({
      status: 'cancelled',
      closedReason: 'activity A4 was reported cancelled in Q1',
    });
    s = at(s, 100_000); // the year ends
    expect(s.phase).toBe('ANNUAL_REVIEW');
    expect(s.report).not.toBeNull();
    const report = s.report!;
    expect(report.activities.find((a) => a.id === 'A2')).toMatchObject({ status: 'delayed' });
    expect(report.activities.find((a) => a.id === 'A3')).toMatchObject({ status: 'cancelled' });
    // Baseline → the value of each quarter that reported one → target.
    expect(report.activities.find((a) => a.id === 'A1')!.indicators).toEqual([
      { name: 'Workers reached', baseline: '0', target: '500', actuals: [null, '120', null, null] },
    ]);
    expect(report.lateTasks.map((t) => t.id)).toContain(id('report-progress', 'Q2', 'A1'));
    expect(report.missedTasks.map((t) => t.id)).toContain(q1);
    expect(report.gcmCoverage.find((c) => c.objective === 6)?.activities).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(report.uncoveredGcmObjectives).not.toContain(6);

    s = complete(s, id('finalise-report'), coordinator, { summary: 'A year of joint work' }, 101_000);
    s = at(s, 101_000);
    expect(s.phase).toBe('CLOSED');
    expect(s.report).toMatchObject({ summary: 'A year of joint work', finalisedBy: coordinator });
  });

  it('rebuilds the same state by folding the events it produced', () => {
    let s = at(started(), 0);
    const events = [
      ...Object.values(s.tasks).map((task) => ({ type: 'TaskOpened' as const, at: task.openedAt, task })),
    ];
    s = complete(s, id('contribute-activities', 'ILO'), agency('ILO'), { activities: [proposal('ILO')] }, 1_000);
    const folded = foldAnnualCycleEvents('tl', 2027, [
      {
        type: 'CycleStarted',
        at: new Date(T0).toISOString(),
        by: coordinator,
        calendar,
        network: { members: MEMBERS, coordinatorAgency: 'IOM', networkObjectives: 9 },
      },
      ...events,
      {
        type: 'TaskCompleted',
        at: new Date(T0 + 1_000).toISOString(),
        taskId: id('contribute-activities', 'ILO'),
        by: agency('ILO'),
        payload: { activities: [proposal('ILO')] },
      },
    ]);
    expect(folded).toEqual(s);
  });
});
