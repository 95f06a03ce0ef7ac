import type { FieldError } from '../../domain/field-error';
import type { TaskKind } from '../../domain/tasks';
import { itemsOf, member, note, object, text, type TaskAnswer } from '../task-answer';

/** The answers of a meeting's tasks: agenda proposals, the meeting's record, a correction of the minutes, an action item. */
export const IMPEDIMENT_STATUSES = ['open', 'in-progress', 'raised', 'resolved'] as const;

const body = { errorMessage: 'must be a JSON object' } as const;
const MAX_MINUTES = 100_000;

/** An action item's due time must still be ahead when the meeting is recorded. */
function futureDueTimes(p: Record<string, unknown>, now: number): FieldError[] {
  return itemsOf(p, 'actionItems').flatMap(([i, a]) =>
    typeof a.dueAt === 'string' && Date.parse(a.dueAt) <= now
      ? [{ field: `actionItems[${i}].dueAt`, message: 'must be in the future' }]
      : [],
  );
}

export const MEETING_ANSWERS: Partial<Record<TaskKind, TaskAnswer>> = {
  'propose-agenda-items': {
    example: { items: [{ title: 'Seasonal worker scheme: pre-departure briefings', note: 'Request from SEFOPE' }] },
    schema: () =>
      object(
        {
          items: {
            type: 'array',
            maxItems: 50,
            items: object({ title: text('The item, as the agenda will show it', 300), note: note() }, ['title']),
            description: 'What the agency (or its TWG) asks the meeting to discuss; an empty list proposes nothing',
          },
        },
        ['items'],
        body,
      ),
  },
  'record-meeting': {
    example: {
      attendance: [
        { agency: 'IOM', name: 'Maria Soares', title: 'Chief of Mission' },
        { agency: 'ILO', name: 'João Pereira', title: 'Senior Programme Manager' },
      ],
      minutes: 'The Network reviewed the Q2 progress and agreed the agenda items below.',
      decisions: ['The Network will brief the GoTL inter-ministerial committee in Q3'],
      actionItems: [{ title: 'Draft the briefing note', owner: 'ILO', dueAt: '2030-07-15T09:00:00+09:00' }],
      impediments: [],
    },
    schema: (ctx) =>
      object(
        {
          attendance: {
            type: 'array',
            minItems: 1,
            maxItems: 200,
            items: object({ agency: member(ctx), name: text(undefined, 200), title: text(undefined, 200) }, [
              'agency',
              'name',
              'title',
            ]),
            description: 'Who attended for each agency (Deputies or Senior Programme Managers), at least one',
          },
          minutes: text('The minutes as circulated for adoption', MAX_MINUTES),
          decisions: { type: 'array', maxItems: 100, items: text(undefined, 2_000) },
          actionItems: {
            type: 'array',
            maxItems: 100,
            items: object(
              {
                title: text(undefined, 300),
                owner: member(ctx),
                dueAt: { type: 'string', format: 'date-time', description: 'In the future' },
                impediment: { type: ['string', 'null'], description: 'The impediment it addresses, by id' },
              },
              ['title', 'owner', 'dueAt'],
            ),
          },
          impediments: {
            type: 'array',
            maxItems: 200,
            items: object(
              { id: text(undefined, 200), status: { type: 'string', enum: IMPEDIMENT_STATUSES }, note: text() },
              ['id', 'status', 'note'],
            ),
            description: 'What the meeting decided on open impediments',
          },
        },
        ['attendance', 'minutes'],
        body,
      ),
    rules: (p, ctx) => futureDueTimes(p, ctx.now),
  },
  'correct-minutes': {
    example: { minutes: 'The Network reviewed the Q2 progress (corrected: UNICEF was present).', note: 'UNICEF added' },
    schema: () =>
      object({ minutes: text('The corrected minutes', MAX_MINUTES), note: note('What changed') }, ['minutes'], body),
  },
  'action-item': {
    example: { note: 'Briefing note shared with the committee on 10 July' },
    schema: () => object({ note: note('What was done') }, [], body),
  },
};
