import { applyCycleEvent, CycleEvent, CycleTransitionError, foldCycleEvents, initialCycleState } from '../../libs/domain/annual-cycle';
import { defaultCalendar } from '../../libs/domain/calendar';

const calendar = defaultCalendar(2027);
const started: CycleEvent = { type: 'CycleStarted', at: '2027-01-01T00:00:00.000Z', by: { role: 'coordinator', agency: 'IOM' }, calendar };
const closed: CycleEvent = { type: 'CycleClosed', at: '2027-12-31T15:00:00.000Z', reason: 'year-ended' };

describe('annual cycle reducer', () => {
  it('folds start and close into PLANNING then CLOSED, counting revisions', () => {
    const afterStart = applyCycleEvent(initialCycleState('tl', 2027), started);
    expect(afterStart).toMatchObject({ phase: 'PLANNING', startedBy: { agency: 'IOM' }, revision: 1, calendar });
    expect(foldCycleEvents('tl', 2027, [started, closed])).toMatchObject({ phase: 'CLOSED', closedAt: closed.at, revision: 2 });
  });

  it('refuses to start twice or to close what is not open', () => {
    expect(() => foldCycleEvents('tl', 2027, [started, started])).toThrow(CycleTransitionError);
    expect(() => foldCycleEvents('tl', 2027, [closed])).toThrow('CycleClosed is not allowed in phase NOT_STARTED');
    expect(() => foldCycleEvents('tl', 2027, [started, closed, closed])).toThrow('in phase CLOSED');
  });

  it('never mutates the state it is given', () => {
    const before = initialCycleState('tl', 2027);
    const frozen = Object.freeze({ ...before });
    applyCycleEvent(frozen, started);
    expect(frozen).toEqual(before);
  });
});
