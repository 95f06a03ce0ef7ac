import {
  applyMeetingEvent,
  checkMeetingCommand,
  checkMeetingChange,
  decideMeeting,
  initialMeetingState,
  MeetingEvent,
  MeetingInput,
  meetingFinished,
  meetingNeed,
  MeetingState,
  nextMeetingWakeUp,
  proposedItems,
} from '../../libs/processes/meeting/meeting';
import type { Actor } from '../../libs/domain/roles';

const P = 'meeting:tl:2030-Q2';
const T0 = Date.parse('2030-05-01T00:00:00.000Z');
const iso = (t: number) => new Date(T0 + t).toISOString();
const input: MeetingInput = {
  network: 'tl',
  id: '2030-Q2',
  kind: 'quarterly',
  year: 2030,
  quarter: 2,
  title: 'Network meeting, Q2 2030',
  agendaCallAt: iso(1_000),
  agendaDueAt: iso(5_000),
  scheduledAt: iso(10_000),
  offsets: { reminderBeforeMs: 1_000, escalationAfterMs: 1_000, minutesReviewMs: 3_000, writingMs: 2_000 },
  convenedBy: { role: 'coordinator', agency: 'IOM' },
};
const coordinator: Actor = { role: 'coordinator', agency: 'IOM' };
const agency = (a: string): Actor => ({ role: 'agency', agency: a });
const apply = (s: MeetingState, ...events: MeetingEvent[]) => events.reduce(applyMeetingEvent, s);
const settle = (s: MeetingState, t: number) => {
  for (let due = decideMeeting(s, T0 + t, P); due.length > 0; due = decideMeeting(s, T0 + t, P)) s = apply(s, ...due);
  return s;
};
const answer = (s: MeetingState, taskId: string, by: Actor, payload: unknown, t: number) => {
  const refused = checkMeetingCommand(s, { taskId, by, payload }, T0 + t);
  if (refused) throw new Error(`${refused.code}: ${refused.message}`);
  return apply(s, { type: 'TaskCompleted', at: iso(t), taskId, by, payload });
};
const record = {
  attendance: [{ agency: 'ILO', name: 'A. Pereira', title: 'Deputy Head' }],
  minutes: 'Met.',
  actionItems: [{ title: 'Draft the MoU', owner: 'ILO', dueAt: iso(30_000) }],
};

/** A meeting through its agenda call to the published agenda, IOM and ILO members, ILO leading one TWG. */
function published(): MeetingState {
  let s = apply(initialMeetingState(), { type: 'MeetingScheduled', at: iso(0), input });
  expect(meetingNeed(s, T0 + 500)).toBeUndefined();
  expect(nextMeetingWakeUp(s, T0)).toBe(T0 + 1_000);
  expect(meetingNeed(s, T0 + 1_000)).toBe('invitees');
  s = settle(
    apply(s, {
      type: 'AgendaCallOpened',
      at: iso(1_000),
      invitees: [
        { agency: 'ILO', twg: null },
        { agency: 'IOM', twg: null },
        { agency: 'ILO', twg: 'labour-migration' },
      ],
      members: ['ILO', 'IOM'],
      coordinatorAgency: 'IOM',
    }),
    1_000,
  );
  expect(Object.keys(s.tasks).sort()).toEqual([
    `${P}:propose-agenda-items:ILO`,
    `${P}:propose-agenda-items:IOM`,
    `${P}:propose-agenda-items:twg:labour-migration`,
  ]);
  s = answer(
    s,
    `${P}:propose-agenda-items:twg:labour-migration`,
    agency('ILO'),
    { items: [{ title: 'Recruitment fees', note: 'from the TWG' }] },
    2_000,
  );
  s = answer(s, `${P}:propose-agenda-items:ILO`, agency('ILO'), { items: [] }, 2_000); // proposing nothing is an answer
  expect(meetingNeed(s, T0 + 2_000)).toBeUndefined(); // IOM has until the due time
  s = settle(s, 5_000);
  expect(s.tasks[`${P}:propose-agenda-items:IOM`]).toMatchObject({
    status: 'expired',
    closedReason: 'nothing proposed',
  });
  expect(meetingNeed(s, T0 + 5_000)).toBe('agenda');
  expect(proposedItems(s)).toEqual([
    {
      id: 'P1',
      source: 'proposed',
      title: 'Recruitment fees',
      ref: null,
      by: 'labour-migration (TWG, lead ILO)',
      note: 'from the TWG',
    },
  ]);
  const carried = {
    id: 'A:x',
    source: 'action-item' as const,
    title: 'Old item',
    ref: 'x',
    by: 'UNDP',
    note: null,
    ageDays: 40,
    timesCarried: 1,
  };
  return settle(apply(s, { type: 'AgendaPublished', at: iso(5_000), items: [...proposedItems(s), carried] }), 5_000);
}

describe('Network meeting', () => {
  it('goes from its agenda call to ADOPTED, with a minutes objection corrected and its action item done', () => {
    let s = published();
    expect(s.status).toBe('AGENDA_PUBLISHED');
    expect(s.agenda.map((i) => i.source)).toEqual(['proposed', 'action-item']);
    expect(Object.values(s.tasks).some((t) => t.kind === 'record-meeting')).toBe(false); // not before the meeting sits
    s = settle(s, 10_000);
    const recordTask = `${P}:record-meeting`;
    expect(s.tasks[recordTask]).toMatchObject({ assignee: 'IOM', assigneeRole: 'coordinator', dueAt: iso(12_000) });
    expect(checkMeetingCommand(s, { taskId: recordTask, by: agency('ILO'), payload: record }, T0 + 10_000)?.code).toBe(
      'NOT_ASSIGNEE',
    );
    s = settle(answer(s, recordTask, coordinator, record, 11_000), 11_000);
    expect(s.status).toBe('HELD');
    const item = `${P}:action-item:A1`;
    expect(s.tasks[item]).toMatchObject({
      assignee: 'ILO',
      dueAt: iso(30_000),
      expiresAt: null,
      escalateAt: iso(31_000),
    });
    expect(meetingNeed(s, T0 + 11_000)).toBe('minutes-review');

    s = apply(s, { type: 'MinutesCirculated', at: iso(11_000), round: 1, decision: 'decision:tl:minutes-2030-Q2-r1' });
    expect(s.status).toBe('MINUTES_REVIEW');
    s = settle(apply(s, { type: 'MinutesObjected', at: iso(13_000), round: 1 }), 13_000);
    expect(s.tasks[`${P}:correct-minutes:r1`]).toMatchObject({ assignee: 'IOM', status: 'open' });
    expect(meetingNeed(s, T0 + 13_000)).toBeUndefined();
    s = answer(s, `${P}:correct-minutes:r1`, coordinator, { minutes: 'Met; UNFPA attended too.' }, 14_000);
    expect(s.minutes.map((m) => m.version)).toEqual([1, 2]);
    expect(meetingNeed(s, T0 + 14_000)).toBe('minutes-review');
    s = apply(
      s,
      { type: 'MinutesCirculated', at: iso(14_000), round: 2, decision: 'decision:tl:minutes-2030-Q2-r2' },
      { type: 'MinutesAdopted', at: iso(17_000), round: 2 },
    );
    expect(s).toMatchObject({ status: 'ADOPTED', adoptedAt: iso(17_000) });
    expect(s.reviews.map((r) => r.outcome)).toEqual(['objected', 'adopted']);
    expect(meetingFinished(s)).toBe(false); // its action item is still open

    s = answer(s, item, agency('ILO'), { note: 'signed' }, 20_000);
    expect(checkMeetingCommand(s, { taskId: item, by: agency('ILO'), payload: {} }, T0 + 21_000)?.code).toBe(
      'TASK_CLOSED',
    ); // completed twice
    expect(meetingFinished(s)).toBe(true);
  });

  it('refuses a record that names no one present, a non-member, or a past due date, naming each field', () => {
    const s = settle(published(), 10_000);
    const refused = checkMeetingCommand(
      s,
      {
        taskId: `${P}:record-meeting`,
        by: coordinator,
        payload: {
          attendance: [],
          minutes: '',
          actionItems: [{ title: 'x', owner: 'WHO', dueAt: iso(0) }],
          impediments: [{ id: 'i', status: 'gone', note: 'n' }],
          extra: 1,
        },
      },
      T0 + 10_000,
    );
    expect(refused?.code).toBe('INVALID_PAYLOAD');
    expect(refused?.details.map((d) => d.field).sort()).toEqual([
      'actionItems[0].dueAt',
      'actionItems[0].owner',
      'attendance',
      'extra',
      'impediments[0].status',
      'minutes',
    ]);
  });

  it('is rescheduled and cancelled only by the coordinator and only before it is held; cancelling closes its open tasks', () => {
    let s = apply(initialMeetingState(), { type: 'MeetingScheduled', at: iso(0), input });
    expect(checkMeetingChange(s, agency('ILO'), 'cancel', T0)?.code).toBe('NOT_ASSIGNEE');
    expect(checkMeetingChange(s, coordinator, 'reschedule', T0, iso(-1))?.details[0].field).toBe('scheduledAt');
    s = apply(s, {
      type: 'MeetingRescheduled',
      at: iso(500),
      by: coordinator,
      reason: 'clash',
      scheduledAt: iso(20_000),
    });
    expect(s).toMatchObject({ scheduledAt: iso(20_000), agendaCallAt: iso(11_000), agendaDueAt: iso(15_000) });
    s = settle(
      apply(s, {
        type: 'AgendaCallOpened',
        at: iso(11_000),
        invitees: [{ agency: 'ILO', twg: null }],
        members: ['ILO'],
        coordinatorAgency: 'IOM',
      }),
      11_000,
    );
    // Moved again during the call: the open proposals close at the call's new end, not the old one.
    s = apply(s, {
      type: 'MeetingRescheduled',
      at: iso(11_500),
      by: coordinator,
      reason: 'minister',
      scheduledAt: iso(22_000),
    });
    expect(s.tasks[`${P}:propose-agenda-items:ILO`]).toMatchObject({ dueAt: iso(17_000), expiresAt: iso(17_000) });
    expect(meetingNeed(settle(s, 15_500), T0 + 15_500)).toBeUndefined();
    s = settle(apply(s, { type: 'MeetingCancelled', at: iso(12_000), by: coordinator, reason: 'no quorum' }), 12_000);
    expect(s.tasks[`${P}:propose-agenda-items:ILO`]).toMatchObject({
      status: 'cancelled',
      closedReason: 'meeting cancelled: no quorum',
    });
    expect(meetingFinished(s)).toBe(true);
    expect(checkMeetingChange(s, coordinator, 'cancel', T0 + 13_000)?.code).toBe('PHASE_CLOSED');
    expect(() => apply(s, { type: 'AgendaPublished', at: iso(13_000), items: [] })).toThrow(
      /AgendaPublished is not allowed while CANCELLED/,
    );
  });

  it('lets the coordinator drop an open action item, and only an open one', () => {
    const sat = settle(published(), 10_000);
    expect(checkMeetingChange(sat, coordinator, 'reschedule', T0 + 10_000, iso(40_000))?.code).toBe('PHASE_CLOSED'); // its record task is open
    let s = settle(answer(sat, `${P}:record-meeting`, coordinator, record, 11_000), 11_000);
    const item = `${P}:action-item:A1`;
    expect(checkMeetingChange(s, agency('ILO'), 'drop', T0, item)?.code).toBe('NOT_ASSIGNEE');
    expect(checkMeetingChange(s, coordinator, 'drop', T0, `${P}:action-item:A9`)?.code).toBe('TASK_NOT_FOUND');
    s = apply(s, {
      type: 'TaskCancelled',
      at: iso(12_000),
      taskId: item,
      reason: 'dropped by the coordinator: overtaken',
    });
    expect(checkMeetingChange(s, coordinator, 'drop', T0, item)?.code).toBe('TASK_CLOSED');
  });
});
