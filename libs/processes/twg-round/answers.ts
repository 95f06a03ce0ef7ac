import type { JsonSchema } from '../../domain/json-schema';
import type { TaskKind } from '../../domain/tasks';
import { gcmObjectives, object, text, type TaskAnswer } from '../task-answer';

/** The answers of a TWG round's tasks: each member agency's update, and the lead agency's consolidated report. */
export const IMPEDIMENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const IMPEDIMENT_TARGETS = ['network', 'government'] as const;

const impediments: JsonSchema = {
  type: 'array',
  maxItems: 100,
  items: object(
    {
      description: text('What stands in the way'),
      severity: { type: 'string', enum: IMPEDIMENT_SEVERITIES },
      gcmObjectives: gcmObjectives(false),
      target: {
        type: 'string',
        enum: IMPEDIMENT_TARGETS,
        description: 'For the Network to address, or for the Network to raise with the Government',
        errorMessage: "must be 'network' or 'government'",
      },
    },
    ['description', 'severity', 'gcmObjectives', 'target'],
  ),
  description: 'What stands in the way (may be empty)',
  errorMessage: 'must be a list of impediments (may be empty)',
};

const report = (field: 'delivery' | 'summary', description: string): JsonSchema =>
  object({ [field]: text(description, 20_000), impediments }, [field, 'impediments'], {
    errorMessage: 'must be a JSON object',
  });

export const TWG_ROUND_ANSWERS: Partial<Record<TaskKind, TaskAnswer>> = {
  'submit-twg-update': {
    example: {
      delivery: 'Two pre-departure orientations held in Dili and Baucau (86 workers).',
      impediments: [
        {
          description: 'No data-sharing agreement with the labour ministry',
          severity: 'medium',
          gcmObjectives: [1, 6],
          target: 'government',
        },
      ],
    },
    schema: () => report('delivery', "The agency's programme delivery in the period"),
  },
  'consolidate-twg-report': {
    example: {
      summary: 'Orientations on track; the data-sharing agreement is raised with the Government.',
      impediments: [],
    },
    schema: () => report('summary', "The TWG's report of the period, for the Network"),
  },
};
