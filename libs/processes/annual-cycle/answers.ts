import type { JsonSchema } from '../../domain/json-schema';
import type { TaskKind } from '../../domain/tasks';
import {
  gcmObjectives,
  member,
  object,
  OBJECTION,
  repeats,
  text,
  type AnswerContext,
  type TaskAnswer,
} from '../task-answer';
import { ACTIVITY_ID, ACTIVITY_STATUSES, SDG_TARGET } from './work-plan';

/** The answers of an annual cycle's tasks (ToR objective 3: the work plan, its endorsement, progress, the report). */
const MAX_ACTIVITIES = 200;

/** A UN marker: 0 to 3. */
const marker = (description: string): JsonSchema => ({
  type: 'integer',
  minimum: 0,
  maximum: 3,
  description,
  errorMessage: 'must be a marker from 0 to 3',
});

/** An amount in US dollars. */
const usd = (description: string): JsonSchema => ({
  type: 'number',
  minimum: 0,
  maximum: 1e12,
  description: `${description}, in USD`,
  errorMessage: 'must be an amount in US dollars (0 or more)',
});

function activity(ctx: AnswerContext | undefined, withId: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    ...(withId
      ? {
          id: {
            type: 'string',
            pattern: ACTIVITY_ID.source,
            description: 'Stable across revisions; progress reports refer to it',
            examples: ['A1'],
            errorMessage: 'must be a short id such as A1',
          },
        }
      : {}),
    title: text('What the activity is, in a line'),
    description: text('What it does and for whom'),
    leadAgency: member(ctx, 'must be a member agency of the network'),
    partnerAgencies: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 100 },
      maxItems: 50,
      description: 'Other agencies or partners that take part (may be empty)',
      errorMessage: 'must be a list of agency codes (may be empty)',
    },
    gcmObjectives: gcmObjectives(true),
    networkObjective: {
      type: 'integer',
      minimum: 1,
      maximum: ctx?.networkObjectives ?? 99,
      description: "One of the Network's own objectives (ToR, Objectives)",
      errorMessage: `must be a Network objective from 1 to ${ctx?.networkObjectives ?? 'the number of objectives'}`,
    },
    twg: text('The Technical Working Group that carries it, if one does', 200),
    milestones: {
      type: 'array',
      items: { type: 'string', maxLength: 1_000 },
      minItems: 4,
      maxItems: 4,
      description: 'Q1 to Q4 in order; an empty string where a quarter has none',
      errorMessage: 'must be four strings, one per quarter (empty where a quarter has none)',
    },
    indicators: {
      type: 'array',
      maxItems: 20,
      items: object({ name: text(), baseline: text(), target: text() }, ['name', 'baseline', 'target']),
      errorMessage: 'must be a list of {name, baseline, target} (may be empty)',
    },
    sdgTargets: {
      type: 'array',
      items: {
        type: 'string',
        pattern: SDG_TARGET.source,
        errorMessage: 'must be an SDG target such as 10.7, 8.8 or 5.a',
      },
      maxItems: 30,
      description: 'The SDG targets it contributes to (UN INFO), such as 10.7, 8.8 or 5.a',
      errorMessage: 'must be a list of SDG targets such as 10.7, 8.8 or 5.a',
    },
    genderMarker: marker('The UN gender equality marker (UN INFO): 0 no contribution … 3 the principal objective'),
    humanRightsMarker: marker('The UN human rights marker (UN INFO), on the same scale'),
    geography: {
      type: 'array',
      items: text(undefined, 200),
      maxItems: 30,
      description: 'Where it takes place (UN INFO): National, or the municipalities',
      errorMessage: 'must be a list of places: National, or municipalities such as Dili',
    },
    budget: object({ planned: usd('Planned for the year'), available: usd('Available (funded) so far') }, ['planned'], {
      description: 'The year’s budget in US dollars (UN INFO)',
      errorMessage: 'must be {planned, available} in USD',
    }),
  };
  const required = ['title', 'description', 'leadAgency', 'partnerAgencies', 'gcmObjectives', 'networkObjective'];
  return object(properties, [...(withId ? ['id'] : []), ...required, 'milestones', 'indicators']);
}

function activities(ctx: AnswerContext | undefined, withId: boolean, atLeastOne: boolean): JsonSchema {
  return {
    type: 'array',
    items: activity(ctx, withId),
    maxItems: MAX_ACTIVITIES,
    ...(atLeastOne ? { minItems: 1 } : {}),
    errorMessage: atLeastOne
      ? `must be a list of 1 to ${MAX_ACTIVITIES} activities`
      : `must be a list of at most ${MAX_ACTIVITIES} activities (empty: nothing this year)`,
  };
}

const body = { errorMessage: 'must be a JSON object' } as const;

const proposal = {
  title: 'Fair recruitment training for labour attachés',
  description: 'Two trainings on the ILO General Principles for Fair Recruitment for attachés posted abroad',
  leadAgency: 'ILO',
  partnerAgencies: ['IOM'],
  gcmObjectives: [6],
  networkObjective: 3,
  milestones: ['Curriculum agreed', 'First training', 'Second training', 'Evaluation'],
  indicators: [{ name: 'Attachés trained', baseline: '0', target: '40' }],
};

export const ANNUAL_CYCLE_ANSWERS: Partial<Record<TaskKind, TaskAnswer>> = {
  'contribute-activities': {
    example: { activities: [proposal] },
    schema: (ctx) => object({ activities: activities(ctx, false, false) }, ['activities'], body),
  },
  'consolidate-plan': {
    example: { activities: [{ id: 'A1', ...proposal }], note: 'Merged the ILO and IOM proposals on recruitment' },
    schema: (ctx) =>
      object(
        { activities: activities(ctx, true, true), note: text('What changed, for the members') },
        ['activities'],
        body,
      ),
    rules: (p) => repeats(p, 'activities', 'id'),
  },
  'endorse-plan': {
    example: { decision: 'object', comment: 'A3 needs a gender-disaggregated indicator' },
    schema: () =>
      object(
        {
          decision: { type: 'string', enum: ['endorse', 'object'], errorMessage: "must be 'endorse' or 'object'" },
          comment: text('Why the agency objects (required with an objection)'),
        },
        ['decision'],
        { ...body, allOf: [{ if: OBJECTION('decision'), then: { required: ['comment'] } }] },
      ),
  },
  'report-progress': {
    example: {
      status: 'delayed',
      note: 'The second training moved to Q3 for the elections',
      indicators: [{ name: 'Attachés trained', value: '18' }],
    },
    schema: () =>
      object(
        {
          status: { type: 'string', enum: ACTIVITY_STATUSES },
          note: text('What happened this quarter'),
          indicators: {
            type: 'array',
            maxItems: 20,
            description: "The value each of the activity's indicators stands at now (by its name in the plan)",
            items: object(
              { name: text('The indicator, as the work plan names it'), value: text('Its value now', 200) },
              ['name', 'value'],
            ),
            errorMessage: 'must be a list of {name, value}, one per indicator of the activity (may be empty)',
          },
          spent: usd('Spent on the activity so far this year (UN INFO)'),
        },
        ['status'],
        body,
      ),
    rules: (p) => repeats(p, 'indicators', 'name'),
  },
  'finalise-report': {
    example: { summary: 'Eleven of twelve activities delivered; labour migration data remains the main gap.' },
    schema: () => object({ summary: text("The coordinator's words on the year", 20_000) }, ['summary'], body),
  },
};
