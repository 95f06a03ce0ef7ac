import {
  applyAnnualCycleEvent,
  CycleState,
  initialAnnualCycleState,
} from '../../libs/processes/annual-cycle/annual-cycle';
import { settleAnnualCycle } from '../../libs/processes/annual-cycle/decide';
import {
  checkDeadlineExtension,
  deadlineExtensionEvents,
  ExtendDeadlineCommand,
} from '../../libs/processes/annual-cycle/deadline-extension';
import { compressedCalendar } from '../../libs/domain/calendar';
import type { Actor } from '../../libs/domain/roles';

const P = 'annual-cycle:tl:2027';
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
// A year in 100 s: planning due at +15 s, consolidation at +25 s, endorsement at +35 s, the end at +100 s, review at +120 s.
const calendar = compressedCalendar(2027, new Date(T0), 100_000);
const coordinator: Actor = { role: 'coordinator', agency: 'IOM' };
const iso = (t: number) => new Date(T0 + t).toISOString();
const at = (state: CycleState, t: number) => settleAnnualCycle(state, T0 + t, P, applyAnnualCycleEvent).state;
const planning = () =>
  at(
    applyAnnualCycleEvent(initialAnnualCycleState('tl', 2027), {
      type: 'CycleStarted',
      at: iso(0),
      by: coordinator,
      calendar,
      network: { members: ['FAO', 'ILO', 'IOM'], coordinatorAgency: 'IOM', networkObjectives: 9 },
    }),
    0,
  );
const cmd = (deadline: ExtendDeadlineCommand['deadline'], t: number, by = coordinator): ExtendDeadlineCommand => ({
  deadline,
  until: iso(t),
  by,
  reason: 'consultations',
});
const extended = (s: CycleState, c: ExtendDeadlineCommand, t: number) =>
  deadlineExtensionEvents(s, c, iso(t)).reduce(applyAnnualCycleEvent, s);

describe('phase-deadline extension: the pure rules', () => {
  it('moves the deadline and the open tasks due by it, so planning closes at the new time', () => {
    const s = extended(planning(), cmd('planningDue', 20_000), 1_000);
    expect(s.calendar!.deadlines.planningDue).toBe(iso(20_000));
    expect(Object.values(s.tasks).map((t) => t.dueAt)).toEqual([iso(20_000), iso(20_000), iso(20_000)]);
    expect(at(s, 15_000).phase).toBe('PLANNING'); // the old deadline
    expect(at(s, 20_000).phase).toBe('CONSOLIDATION');
  });

  it('keeps the calendar in order, names the field, and refuses a deadline whose phase is over', () => {
    const s = planning();
    const fields = (c: ExtendDeadlineCommand, now = 1_000) => checkDeadlineExtension(s, c, T0 + now)?.details;
    expect(fields(cmd('planningDue', 25_000))).toEqual([expect.objectContaining({ field: 'until' })]); // = consolidationDue
    expect(fields(cmd('endorsementDue', 100_000))).toEqual([expect.objectContaining({ field: 'until' })]); // = the end
    expect(fields(cmd('planningDue', 10_000))).toEqual([expect.objectContaining({ field: 'until' })]); // earlier
    expect(fields({ ...cmd('planningDue', 20_000), reason: ' ' })).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect(checkDeadlineExtension(s, cmd('reviewDue', 500_000), T0 + 1_000)).toBeUndefined(); // nothing after it
    expect(checkDeadlineExtension(s, cmd('planningDue', 20_000, { role: 'agency', agency: 'ILO' }), T0)).toMatchObject({
      code: 'NOT_ASSIGNEE',
    });
    const consolidating = at(s, 15_000);
    expect(consolidating.phase).toBe('CONSOLIDATION');
    expect(checkDeadlineExtension(consolidating, cmd('planningDue', 20_000), T0 + 16_000)).toMatchObject({
      code: 'PHASE_CLOSED',
    });
    // The consolidation deadline still moves, and with it the coordinator's first draft.
    const later = extended(consolidating, cmd('consolidationDue', 30_000), 16_000);
    expect(Object.values(later.tasks).find((t) => t.kind === 'consolidate-plan')!.dueAt).toBe(iso(30_000));
  });
});
