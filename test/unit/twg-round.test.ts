import { taskId } from '../../libs/domain/tasks';
import {
  applyTwgRoundEvent,
  checkTwgRoundCommand,
  decideTwgRound,
  initialTwgRoundState,
  nextTwgRoundWakeUp,
  TwgRoundState,
} from '../../libs/processes/twg-round/twg-round';

const P = 'twg-round:tl:labour-migration:2027-P3';
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const input = {
  network: 'tl',
  twg: { code: 'labour-migration', leadAgency: 'ILO', memberAgencies: ['ILO', 'IOM'] },
  year: 2027,
  period: 3,
  start: new Date(T0).toISOString(),
  end: new Date(T0 + 10_000).toISOString(),
  offsets: { reminderBeforeMs: 2_000, escalationAfterMs: 1_000 },
};
const settle = (s: TwgRoundState, t: number) => {
  for (let due = decideTwgRound(s, T0 + t, P); due.length > 0; due = decideTwgRound(s, T0 + t, P))
    for (const e of due) s = applyTwgRoundEvent(s, e);
  return s;
};
const answer = (s: TwgRoundState, id: string, agency: string, payload: unknown, t: number) => {
  const refused = checkTwgRoundCommand(s, { taskId: id, by: { role: 'agency', agency }, payload }, T0 + t);
  if (refused) throw new Error(`${refused.code}: ${refused.message}`);
  return applyTwgRoundEvent(s, {
    type: 'TaskCompleted',
    at: new Date(T0 + t).toISOString(),
    taskId: id,
    by: { role: 'agency', agency },
    payload,
  });
};

describe('TWG reporting round', () => {
  it('asks each member, escalates a late update, records it missing one escalation later, then asks the lead to consolidate', () => {
    let s = settle(applyTwgRoundEvent(initialTwgRoundState(), { type: 'RoundOpened', at: input.start, input }), 0);
    const iom = taskId(P, 'submit-twg-update', 'IOM');
    expect(s.tasks[iom]).toMatchObject({
      dueAt: input.end,
      escalateAt: new Date(T0 + 11_000).toISOString(),
      expiresAt: new Date(T0 + 12_000).toISOString(),
    });
    s = answer(s, taskId(P, 'submit-twg-update', 'ILO'), 'ILO', { delivery: 'done', impediments: [] }, 1_000);
    expect(nextTwgRoundWakeUp(s, T0 + 1_000)).toBe(T0 + 8_000);
    s = settle(s, 11_000);
    expect(s.tasks[iom]).toMatchObject({ status: 'open', escalatedAt: new Date(T0 + 11_000).toISOString() });
    expect(s.status).toBe('COLLECTING');
    s = settle(s, 12_000);
    expect(s.updates).toEqual({ ILO: { delivery: 'done', impediments: [] }, IOM: null });
    expect(s.status).toBe('CONSOLIDATING');
    const consolidate = taskId(P, 'consolidate-twg-report');
    expect(s.tasks[consolidate]).toMatchObject({ assignee: 'ILO', expiresAt: null });
    expect(
      checkTwgRoundCommand(
        s,
        { taskId: consolidate, by: { role: 'agency', agency: 'IOM' }, payload: { summary: 's', impediments: [] } },
        T0 + 12_000,
      )?.code,
    ).toBe('NOT_ASSIGNEE');
    s = answer(
      s,
      consolidate,
      'ILO',
      { summary: 'ok', impediments: [{ description: 'd', severity: 'low', gcmObjectives: [], target: 'network' }] },
      13_000,
    );
    expect(settle(s, 13_000)).toMatchObject({ status: 'CLOSED', report: { summary: 'ok' } });
  });

  it('closes on the members’ updates when its lead leaves the Network before consolidating', () => {
    let s = settle(applyTwgRoundEvent(initialTwgRoundState(), { type: 'RoundOpened', at: input.start, input }), 0);
    const imp = { description: 'd', severity: 'low' as const, gcmObjectives: [], target: 'network' as const };
    s = answer(s, taskId(P, 'submit-twg-update', 'ILO'), 'ILO', { delivery: 'done', impediments: [] }, 1_000);
    s = settle(
      answer(s, taskId(P, 'submit-twg-update', 'IOM'), 'IOM', { delivery: 'done', impediments: [imp] }, 1_000),
      1_000,
    );
    s = applyTwgRoundEvent(s, {
      type: 'TaskCancelled',
      at: new Date(T0 + 2_000).toISOString(),
      taskId: taskId(P, 'consolidate-twg-report'),
      reason: 'ILO left the Network: closed',
    });
    s = settle(s, 2_000);
    expect(s.status).toBe('CLOSED');
    expect(s.report).toEqual({ summary: expect.stringContaining('ILO left the Network'), impediments: [imp] });
  });

  it('a round for a TWG abolished mid-round closes its open tasks with the reason and takes no more answers', () => {
    let s = settle(applyTwgRoundEvent(initialTwgRoundState(), { type: 'RoundOpened', at: input.start, input }), 0);
    s = answer(s, taskId(P, 'submit-twg-update', 'ILO'), 'ILO', { delivery: 'done', impediments: [] }, 1_000);
    s = settle(
      applyTwgRoundEvent(s, {
        type: 'RoundCancelled',
        at: new Date(T0 + 2_000).toISOString(),
        reason: 'TWG abolished',
      }),
      2_000,
    );
    expect(s.status).toBe('CANCELLED');
    expect(s.tasks[taskId(P, 'submit-twg-update', 'IOM')]).toMatchObject({
      status: 'cancelled',
      closedReason: 'TWG abolished',
    });
    expect(s.tasks[taskId(P, 'submit-twg-update', 'ILO')].status).toBe('completed');
    const late = checkTwgRoundCommand(
      s,
      {
        taskId: taskId(P, 'submit-twg-update', 'IOM'),
        by: { role: 'agency', agency: 'IOM' },
        payload: { delivery: 'x', impediments: [] },
      },
      T0 + 3_000,
    );
    expect(late?.code).toBe('TASK_CLOSED');
    expect(() =>
      applyTwgRoundEvent(s, { type: 'RoundCancelled', at: new Date(T0 + 4_000).toISOString(), reason: 'again' }),
    ).toThrow(/only an open round/);
    expect(decideTwgRound(s, T0 + 20_000, P)).toEqual([]);
  });
});
