import {
  applyDecisionEvent,
  checkDecisionCommand,
  decideDecision,
  decisionTaskId,
  DecisionState,
  DecisionTransitionError,
  initialDecisionState,
  nextDecisionWakeUp,
} from '../../libs/processes/decision/decision';
import { Actor } from '../../libs/domain/roles';

const P = 'decision:tl:d1';
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const MEMBERS = ['FAO', 'ILO', 'IOM'];
const proposal = (deadlineMs: number) => ({
  title: 'Establish a TWG',
  text: 'Why',
  payload: { code: 'x' },
  deadline: new Date(T0 + deadlineMs).toISOString(),
});
const agency = (a: string): Actor => ({ role: 'agency', agency: a });

function circulated(deadlineMs = 10_000): DecisionState {
  const s = applyDecisionEvent(initialDecisionState({ network: 'tl', id: 'd1', kind: 'establish-twg' }), {
    type: 'DecisionCirculated',
    at: new Date(T0).toISOString(),
    round: 1,
    proposal: proposal(deadlineMs),
    members: MEMBERS,
  });
  return settle(s, 0);
}

function settle(s: DecisionState, t: number): DecisionState {
  for (let due = decideDecision(s, T0 + t, P); due.length > 0; due = decideDecision(s, T0 + t, P)) {
    for (const e of due) s = applyDecisionEvent(s, e);
  }
  return s;
}

function answer(s: DecisionState, a: string, payload: unknown, t: number): DecisionState {
  const taskId = decisionTaskId(P, s.round, a);
  const refused = checkDecisionCommand(s, { taskId, by: agency(a), payload }, T0 + t);
  if (refused) throw new Error(`${refused.code}: ${refused.message}`);
  return applyDecisionEvent(s, {
    type: 'TaskCompleted',
    at: new Date(T0 + t).toISOString(),
    taskId,
    by: agency(a),
    payload,
  });
}

describe('decision by silence procedure', () => {
  it('asks every member, reminds before the deadline, and adopts by silence at the deadline', () => {
    let s = circulated();
    expect(Object.values(s.tasks).map((t) => [t.assignee, t.kind, t.expiresAt])).toEqual(
      MEMBERS.map((m) => [m, 'concur-or-object', proposal(10_000).deadline]),
    );
    expect(nextDecisionWakeUp(s, T0)).toBe(T0 + 7_500); // the reminder, a quarter of the 10 s window before the deadline
    s = answer(s, 'ILO', { answer: 'concur' }, 1_000);
    s = settle(s, 8_000);
    expect(
      Object.values(s.tasks)
        .filter((t) => t.remindedAt)
        .map((t) => t.assignee),
    ).toEqual(['FAO', 'IOM']);
    expect(s.status).toBe('CIRCULATING');
    s = settle(s, 10_000);
    expect(s.status).toBe('ADOPTED');
    expect(s.tasks[decisionTaskId(P, 1, 'FAO')]).toMatchObject({
      status: 'expired',
      closedReason: 'no objection (silence)',
    });
  });

  it('adopts as soon as every member has concurred', () => {
    let s = circulated();
    for (const m of MEMBERS) s = answer(s, m, { answer: 'concur' }, 1_000);
    expect(settle(s, 1_000).status).toBe('ADOPTED');
  });

  it('ends the round on an objection, keeps it through a revision, and refuses answers out of turn', () => {
    let s = answer(circulated(), 'IOM', { answer: 'object', reason: 'Overlaps the UNSDCF group' }, 1_000);
    s = settle(s, 1_000);
    expect(s.status).toBe('OBJECTED');
    expect(s.tasks[decisionTaskId(P, 1, 'ILO')]).toMatchObject({
      status: 'cancelled',
      closedReason: 'round 1 ended with an objection',
    });
    expect(
      checkDecisionCommand(
        s,
        { taskId: decisionTaskId(P, 1, 'ILO'), by: agency('ILO'), payload: { answer: 'concur' } },
        T0 + 2_000,
      )?.code,
    ).toBe('TASK_CLOSED');

    s = applyDecisionEvent(s, {
      type: 'DecisionCirculated',
      at: new Date(T0 + 2_000).toISOString(),
      round: 2,
      proposal: proposal(20_000),
      members: [...MEMBERS, 'UNDP'],
    });
    s = settle(s, 2_000);
    expect(
      Object.values(s.tasks)
        .filter((t) => t.subject?.startsWith('r2:'))
        .map((t) => t.assignee),
    ).toEqual([...MEMBERS, 'UNDP']);
    expect(s.objections).toEqual([
      { round: 1, agency: 'IOM', reason: 'Overlaps the UNSDCF group', at: new Date(T0 + 1_000).toISOString() },
    ]);
    expect(settle(s, 20_000).status).toBe('ADOPTED');
  });

  it('names the field of a bad answer, and applies the effect once', () => {
    const s = circulated();
    const bad = checkDecisionCommand(
      s,
      { taskId: decisionTaskId(P, 1, 'ILO'), by: agency('ILO'), payload: { answer: 'object' } },
      T0,
    );
    expect(bad).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ field: 'reason', message: 'must say why, as a non-empty string' }],
    });
    const adopted = settle(s, 10_000);
    const applied = applyDecisionEvent(adopted, {
      type: 'DecisionEffectApplied',
      at: new Date(T0 + 10_000).toISOString(),
      outcome: 'applied',
    });
    expect(applied.effectOutcome).toBe('applied');
    expect(() =>
      applyDecisionEvent(applied, {
        type: 'DecisionEffectApplied',
        at: new Date(T0 + 10_001).toISOString(),
        outcome: 'applied',
      }),
    ).toThrow(DecisionTransitionError);
  });

  it('gives each round its own reminder, and adopts at the deadline when the network has no members to ask', () => {
    let s = answer(circulated(20 * 86_400_000), 'IOM', { answer: 'object', reason: 'r' }, 1_000);
    s = settle(s, 1_000);
    s = applyDecisionEvent(s, {
      type: 'DecisionCirculated',
      at: new Date(T0 + 2_000).toISOString(),
      round: 2,
      proposal: proposal(2_000 + 2 * 86_400_000),
      members: MEMBERS,
    });
    s = settle(s, 2_000);
    const r2 = s.tasks[decisionTaskId(P, 2, 'ILO')];
    expect(Date.parse(r2.dueAt) - Date.parse(r2.remindAt)).toBe(86_400_000 / 2); // a quarter of a 2-day round, not the first round's 3 days
    let empty = applyDecisionEvent(initialDecisionState({ network: 'tl', id: 'd2', kind: 'general' }), {
      type: 'DecisionCirculated',
      at: new Date(T0).toISOString(),
      round: 1,
      proposal: proposal(5_000),
      members: [],
    });
    empty = settle(empty, 1_000);
    expect(empty.status).toBe('CIRCULATING');
    expect(nextDecisionWakeUp(empty, T0 + 1_000)).toBe(T0 + 5_000);
    expect(settle(empty, 5_000).status).toBe('ADOPTED');
  });

  it('cancels the open tasks of a withdrawn decision', () => {
    let s = applyDecisionEvent(circulated(), {
      type: 'DecisionWithdrawn',
      at: new Date(T0 + 1_000).toISOString(),
      by: { role: 'coordinator', agency: 'IOM' },
      reason: 'no longer needed',
    });
    s = settle(s, 1_000);
    expect(Object.values(s.tasks).map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(s.status).toBe('WITHDRAWN');
  });
});
