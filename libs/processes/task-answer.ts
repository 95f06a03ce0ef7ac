import type { FieldError } from '../domain/field-error';
import { GCM_OBJECTIVES } from '../domain/gcm-objectives';
import { NOT_BLANK, schemaErrors, type JsonSchema } from '../domain/json-schema';
import { AGENCY_CODE } from '../domain/network';

/**
 * What a task kind's answer is: its JSON Schema, the one source of the Update's validator, the OpenAPI document, the
 * web form and `GET /networks/{n}/task-kinds`. Each process declares its kinds' answers next to it (`answers.ts`).
 */
export interface AnswerContext {
  /** The agencies that may be named (a lead agency, an attendee, an action item's owner). */
  readonly members: readonly string[];
  /** How many objectives the Network has (1–9 for Timor-Leste). */
  readonly networkObjectives: number;
  readonly now: number;
}

export interface TaskAnswer {
  /** A valid answer in the model network (Timor-Leste's members, 9 objectives), shown in the docs. */
  readonly example: Record<string, unknown>;
  /** The schema in a network (its member agencies, its objectives); without a context, the general one. */
  schema(ctx?: AnswerContext): JsonSchema;
  /**
   * What a JSON Schema cannot say (ids unique across a list, a time in the future), on an object whose fields may be
   * of any shape: a rule looks only at the values it can read, and says nothing of a field the schema refused.
   */
  rules?(payload: Record<string, unknown>, ctx: AnswerContext): FieldError[];
}

/** The field errors of an answer: its schema's, then its rules' on the fields the schema let through. */
export function answerErrors(answer: TaskAnswer, payload: unknown, ctx: AnswerContext): FieldError[] {
  const errors = schemaErrors(answer.schema(ctx), payload);
  if (!answer.rules || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return errors;
  const refused = new Set(errors.map((e) => e.field));
  return [...errors, ...answer.rules(payload as Record<string, unknown>, ctx).filter((e) => !refused.has(e.field))];
}

/** The objects of a list field, by index, whatever the payload holds there. */
export function itemsOf(p: Record<string, unknown>, field: string): [number, Record<string, unknown>][] {
  const list = p[field];
  return Array.isArray(list)
    ? list.flatMap((item: unknown, i) =>
        typeof item === 'object' && item !== null
          ? [[i, item as Record<string, unknown>] as [number, Record<string, unknown>]]
          : [],
      )
    : [];
}

export const MAX_TEXT = 4_000;

/** A text that must say something. */
export const text = (description?: string, maxLength = MAX_TEXT): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: NOT_BLANK,
  ...(description ? { description } : {}),
});

/** A text that may be left out, or null. */
export const note = (description?: string): JsonSchema => ({
  type: ['string', 'null'],
  maxLength: MAX_TEXT,
  ...(description ? { description } : {}),
});

/** An object with exactly these fields, the `required` ones at least. */
export function object(
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  more: Partial<JsonSchema> = {},
): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...more };
}

/** A member agency of the network; without a context, any agency code. */
export function member(ctx: AnswerContext | undefined, errorMessage = 'must be a member agency'): JsonSchema {
  return ctx
    ? { type: 'string', enum: ctx.members, errorMessage: `${errorMessage} (${ctx.members.join(', ')})` }
    : { type: 'string', pattern: AGENCY_CODE.source, errorMessage: `${errorMessage}: an agency code such as ILO` };
}

/** GCM objective numbers (1–23), none twice; `atLeastOne` where an activity must serve one. */
export function gcmObjectives(atLeastOne: boolean): JsonSchema {
  return {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: GCM_OBJECTIVES.length },
    uniqueItems: true,
    ...(atLeastOne ? { minItems: 1 } : {}),
    description: 'Numbers of the Global Compact for Migration objectives (1–23, Annex I of the ToR)',
    errorMessage: atLeastOne
      ? `must list at least one GCM objective, numbers from 1 to ${GCM_OBJECTIVES.length}, none twice`
      : `must list GCM objective numbers from 1 to ${GCM_OBJECTIVES.length}, none twice (may be empty)`,
  };
}

/** The errors of a list whose items' `key` must differ: each repeat names its item. */
export function repeats(p: Record<string, unknown>, field: string, key: string): FieldError[] {
  const items = itemsOf(p, field).filter(([, item]) => typeof item[key] === 'string');
  return items.flatMap(([i, item], n) =>
    items.findIndex(([, other]) => other[key] === item[key]) < n
      ? [{ field: `${field}[${i}].${key}`, message: `repeats the ${key} ${String(item[key])}` }]
      : [],
  );
}

/** The condition of an answer that objects (`{decision: 'object'}`, `{answer: 'object'}`): a reason is then required. */
export const OBJECTION = (field: string): JsonSchema => ({
  properties: { [field]: { const: 'object' } },
  required: [field],
});
