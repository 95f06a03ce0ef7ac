import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { schemaErrors, type JsonSchema } from '../../libs/domain/json-schema';
import { TASK_KINDS } from '../../libs/domain/tasks';
import { answerErrors, type AnswerContext } from '../../libs/processes/task-answer';
import { TASK_KIND_DEFINITIONS } from '../../libs/processes/task-kinds';

/**
 * The task kinds' answers are real JSON Schema: a standard validator (ajv, strict) compiles every one and agrees with
 * mignet's own (the one the workflows run) on each kind's example and on hundreds of broken variants of it.
 */
const ctx: AnswerContext = {
  members: ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'],
  networkObjectives: 9,
  now: Date.parse('2030-01-01T00:00:00Z'),
};

// strictRequired would ask a condition's `then` to repeat the properties it requires, which JSON Schema does not.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv, ['date-time']);
ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });

/** Broken variants of a valid value: each field removed, given another type, blanked, emptied or added to. */
function variants(value: unknown, depth = 0): unknown[] {
  const others = [null, 0, 1.5, -1, 24, '', '   ', 'x', [], {}, true];
  if (depth > 3) return others;
  if (Array.isArray(value))
    return [
      ...others,
      [...value, ...value],
      ...value.flatMap((item, i) => variants(item, depth + 1).map((v) => value.map((x, j) => (j === i ? v : x)))),
    ];
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    return [
      ...others,
      { ...o, unknownField: 'x' },
      ...Object.keys(o).flatMap((k) => [
        Object.fromEntries(Object.entries(o).filter(([key]) => key !== k)),
        ...variants(o[k], depth + 1).map((v) => ({ ...o, [k]: v })),
      ]),
    ];
  }
  return others;
}

describe('task kinds: answers as JSON Schema', () => {
  it('gives every task kind exactly one answer, owned by one process', () => {
    expect(TASK_KIND_DEFINITIONS.map((d) => d.kind)).toEqual([...TASK_KINDS]);
  });

  it.each(TASK_KIND_DEFINITIONS.map((d) => [d.kind, d] as const))(
    '%s: ajv compiles both schemas and agrees with mignet on the example and every broken variant',
    (_, d) => {
      for (const schema of [d.answer.schema(ctx), d.answer.schema()]) {
        const valid = ajv.compile(schema as object);
        const ours = (v: unknown) => schemaErrors(schema, v);
        expect(ours(d.answer.example)).toEqual([]);
        expect(valid(d.answer.example)).toBe(true);
        const cases = variants(d.answer.example);
        expect(cases.length).toBeGreaterThan(20);
        const disagreements = cases.filter((v) => valid(v) !== (ours(v).length === 0));
        expect(disagreements).toEqual([]);
        // Most variants are refused, and each refusal names a field.
        const refused = cases.map(ours).filter((e) => e.length > 0);
        expect(refused.length).toBeGreaterThan(cases.length / 2);
        for (const errors of refused) for (const e of errors) expect(e.field).toMatch(/^(body|[A-Za-z[\].0-9]+)$/);
      }
      // The example is a valid answer in the model network, rules included.
      expect(answerErrors(d.answer, d.answer.example, ctx)).toEqual([]);
    },
  );

  it('names the field of each problem, in words a person reads', () => {
    const plan = TASK_KIND_DEFINITIONS.find((d) => d.kind === 'consolidate-plan')!.answer;
    const [a1] = (plan.example.activities as Record<string, unknown>[]).map((a) => ({ ...a }));
    expect(
      answerErrors(plan, { activities: [{ ...a1, leadAgency: 'NASA', networkObjective: 12 }, { ...a1 }] }, ctx),
    ).toEqual([
      {
        field: 'activities[0].leadAgency',
        message: 'must be a member agency of the network (FAO, ILO, IOM, OHCHR, RCO, UNDP, UNFPA, UNICEF, UNWOMEN)',
      },
      { field: 'activities[0].networkObjective', message: 'must be a Network objective from 1 to 9' },
      { field: 'activities[1].id', message: 'repeats the id A1' },
    ]);
    const endorse = TASK_KIND_DEFINITIONS.find((d) => d.kind === 'endorse-plan')!.answer;
    expect(answerErrors(endorse, { decision: 'object', comment: '  ' }, ctx)).toEqual([
      { field: 'comment', message: 'must be a non-empty string' },
    ]);
    expect(answerErrors(endorse, { decision: 'object' }, ctx)).toEqual([
      { field: 'comment', message: 'must be a non-empty string' },
    ]);
    expect(answerErrors(endorse, { decision: 'endorse' }, ctx)).toEqual([]);
    expect(answerErrors(endorse, [], ctx)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('words each keyword it refuses', () => {
    const s: JsonSchema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        n: { type: 'integer', minimum: 1, maximum: 3 },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 2 },
      },
      additionalProperties: false,
    };
    expect(schemaErrors(s, { when: '2030-01-01', n: 4, tags: ['a', 'a'], x: 1 })).toEqual([
      { field: 'x', message: 'is not a known field' },
      { field: 'when', message: 'must be an ISO-8601 date-time with an offset' },
      { field: 'n', message: 'must be 3 or less' },
      { field: 'tags', message: 'must not repeat an item' },
    ]);
    expect(schemaErrors(s, { n: 1.5, tags: [1] })).toEqual([
      { field: 'n', message: 'must be an integer' },
      { field: 'tags[0]', message: 'must be a string' },
    ]);
  });
});
