import type { TaskKind } from '../../domain/tasks';
import { object, OBJECTION, text, type TaskAnswer } from '../task-answer';

/** The answer of a decision's task: concurrence, or an objection with its reason (silence is consent). */
export const DECISION_ANSWERS: Partial<Record<TaskKind, TaskAnswer>> = {
  'concur-or-object': {
    example: { answer: 'concur' },
    schema: () =>
      object(
        {
          answer: { type: 'string', enum: ['concur', 'object'], errorMessage: "must be 'concur' or 'object'" },
          reason: {
            ...text('Why the agency objects (required with an objection)'),
            errorMessage: 'must say why, as a non-empty string',
          },
        },
        ['answer'],
        { errorMessage: 'must be a JSON object', allOf: [{ if: OBJECTION('answer'), then: { required: ['reason'] } }] },
      ),
  },
};
