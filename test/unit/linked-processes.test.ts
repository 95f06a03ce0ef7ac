import {
  applyAnnualCycleEvent,
  CycleState,
  initialAnnualCycleState,
} from '../../libs/processes/annual-cycle/annual-cycle';
import { decideAnnualCycle, linkedProcessDue, nextAnnualCycleWakeUp } from '../../libs/processes/annual-cycle/decide';
import { compressedCalendar, quarterlyMeetings } from '../../libs/domain/calendar';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const calendar = compressedCalendar(2030, new Date(T0), 60_000);
const P = 'annual-cycle:tl:2030';
const started = (linked: boolean): CycleState =>
  applyAnnualCycleEvent(initialAnnualCycleState('tl', 2030), {
    type: 'CycleStarted',
    at: calendar.start,
    by: { role: 'coordinator', agency: 'IOM' },
    calendar,
    network: { members: ['ILO', 'IOM'], coordinatorAgency: 'IOM', networkObjectives: 9 },
    linked,
  });

describe('the processes an annual cycle starts', () => {
  it("starts each period's TWG rounds once, when the period begins, and skips a period already over", () => {
    let s = started(true);
    expect(linkedProcessDue(s, T0)).toEqual({ kind: 'twg-rounds', period: 1 });
    s = applyAnnualCycleEvent(s, {
      type: 'TwgRoundsStarted',
      at: calendar.start,
      period: 1,
      ids: ['twg-round:tl:a:2030-P1'],
    });
    expect(linkedProcessDue(s, T0 + 1_000)).toBeUndefined();
    expect(nextAnnualCycleWakeUp(s, T0 + 1_000)).toBeLessThanOrEqual(Date.parse(calendar.periods[1].start));
    expect(linkedProcessDue(s, Date.parse(calendar.periods[2].start))).toEqual({ kind: 'twg-rounds', period: 3 }); // period 2 is over
    expect(() =>
      applyAnnualCycleEvent(s, { type: 'TwgRoundsStarted', at: calendar.start, period: 1, ids: [] }),
    ).toThrow(/start once/);
    expect(linkedProcessDue(started(false), T0)).toBeUndefined();
  });

  it('starts the quarterly meetings when IMPLEMENTATION begins, and summarises the year before drafting the report', () => {
    const base = applyAnnualCycleEvent(started(true), {
      type: 'TwgRoundsStarted',
      at: calendar.start,
      period: 1,
      ids: [],
    });
    expect(() => applyAnnualCycleEvent(base, { type: 'MeetingsStarted', at: calendar.start, ids: [] })).toThrow(
      /in IMPLEMENTATION/,
    );
    const implementing: CycleState = { ...base, phase: 'IMPLEMENTATION' };
    expect(linkedProcessDue(implementing, T0 + 1_000)).toEqual({ kind: 'meetings' });
    const reviewing: CycleState = { ...implementing, phase: 'ANNUAL_REVIEW' };
    expect(linkedProcessDue(reviewing, Date.parse(calendar.end))).toEqual({ kind: 'year-summary' });
    expect(decideAnnualCycle(reviewing, Date.parse(calendar.end), P)).toEqual([]); // the report waits for the summary
    const summary = {
      meetings: [],
      actionItemsByAgency: [],
      twgUpdatesByAgency: [],
      twgRounds: [],
      impediments: { raised: 0, resolved: 0, stillOpen: 0 },
      governmentIssues: [],
    };
    const summarised = applyAnnualCycleEvent(reviewing, { type: 'NetworkYearSummarised', at: calendar.end, summary });
    const [drafted] = decideAnnualCycle(summarised, Date.parse(calendar.end), P);
    expect(drafted).toMatchObject({ type: 'ReportDrafted', report: { networkYear: summary } });

    // Finalised later, the report gets the summary as it stands then, before the cycle closes.
    const withReport = applyAnnualCycleEvent(summarised, drafted);
    const finalised: CycleState = { ...withReport, report: { ...withReport.report!, finalisedAt: calendar.end } };
    expect(linkedProcessDue(withReport, Date.parse(calendar.end))).toBeUndefined();
    expect(linkedProcessDue(finalised, Date.parse(calendar.end))).toEqual({ kind: 'year-summary' });
    const [opened] = decideAnnualCycle(finalised, Date.parse(calendar.end), P); // the finalise task, not yet the closing
    expect(opened.type).toBe('TaskOpened');
    const later = { ...summary, impediments: { raised: 3, resolved: 3, stillOpen: 0 } };
    const final = applyAnnualCycleEvent(finalised, { type: 'NetworkYearSummarised', at: calendar.end, summary: later });
    expect(final.report?.networkYear?.impediments.raised).toBe(3);
    expect(linkedProcessDue(final, Date.parse(calendar.end))).toBeUndefined();
    expect(() => applyAnnualCycleEvent(final, { type: 'NetworkYearSummarised', at: calendar.end, summary })).toThrow(
      /summarised/,
    );
  });

  it('asks nothing more of a member that left: its tasks close, and later phases do not ask it', () => {
    let s = started(false);
    s = applyAnnualCycleEvent(s, { type: 'MemberLeft', at: calendar.start, agency: 'ILO', reason: 'mandate ended' });
    expect(s.snapshot?.members).toEqual(['IOM']);
    const opened = decideAnnualCycle(s, T0, P);
    expect(opened.map((e) => (e.type === 'TaskOpened' ? e.task.assignee : e.type))).toEqual(['IOM']);
  });

  it('places a meeting in each quarter: at the given dates, or three quarters in, the agenda call before it', () => {
    const slots = quarterlyMeetings(calendar);
    slots.forEach((m, i) => {
      const q = calendar.quarters[i];
      expect(Date.parse(m.agendaCallAt)).toBeLessThan(Date.parse(m.agendaDueAt));
      expect(Date.parse(m.agendaDueAt)).toBeLessThan(Date.parse(m.scheduledAt));
      expect(Date.parse(m.scheduledAt)).toBe(Date.parse(q.start) + 11_250);
    });
    const given = compressedCalendar(2030, new Date(T0), 60_000, {
      meetings: calendar.quarters.map((q) => new Date(Date.parse(q.start) + 1_000).toISOString()),
    });
    expect(quarterlyMeetings(given)[2].scheduledAt).toBe(
      new Date(Date.parse(calendar.quarters[2].start) + 1_000).toISOString(),
    );
  });
});
