import type { FieldError } from './field-error';

/**
 * The part of JSON Schema (2020-12) the task kinds' answers are written in, and a validator for it that runs in the
 * workflow sandbox (pure, no code generation). The same schema object is what `GET /networks/{n}/task-kinds` and the
 * OpenAPI document publish and what a form reads; a unit test checks that a standard validator (ajv) agrees with this
 * one on every kind. `errorMessage` (the ajv-errors keyword) words a node's error for a person.
 */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly title?: string;
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: 'date-time';
  /** Conditions: `{ if, then: { required } }` pairs, e.g. a reason required when the answer is an objection. */
  readonly allOf?: readonly { readonly if: JsonSchema; readonly then: { readonly required: readonly string[] } }[];
  readonly errorMessage?: string;
}

/** The pattern of a text that must say something (not only spaces). */
export const NOT_BLANK = '\\S';

/** An ISO-8601 date-time with an offset, as RFC 3339 (JSON Schema's `date-time`) has it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const typeOf = (v: unknown): JsonSchemaType =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : (typeof v as JsonSchemaType);

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The errors of `value` against `schema`, each naming its field (`activities[0].title`; `body` for the whole). */
export function schemaErrors(schema: JsonSchema, value: unknown, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  check(schema, value, path, errors);
  return errors;
}

const missing = (o: Record<string, unknown>, key: string) => o[key] === undefined;

function check(s: JsonSchema, v: unknown, path: string, errors: FieldError[]): void {
  const problem = nodeProblem(s, v);
  if (problem !== undefined) {
    errors.push({ field: path || 'body', message: s.errorMessage ?? problem });
    return;
  }
  if (typeOf(v) === 'object' && s.properties) {
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o))
      if (!(key in s.properties) && s.additionalProperties === false)
        errors.push({ field: at(path, key), message: 'is not a known field' });
    const required = [
      ...(s.required ?? []),
      ...(s.allOf ?? []).flatMap((rule) => (schemaErrors(rule.if, v).length === 0 ? rule.then.required : [])),
    ];
    for (const key of new Set(required))
      if (missing(o, key)) check(s.properties[key] ?? {}, undefined, at(path, key), errors);
    for (const [key, sub] of Object.entries(s.properties))
      if (!missing(o, key)) check(sub, o[key], at(path, key), errors);
  }
  if (Array.isArray(v) && s.items) v.forEach((item, i) => check(s.items!, item, `${path}[${i}]`, errors));
}

/** The first thing wrong with the node itself (not its children), worded generically. */
function nodeProblem(s: JsonSchema, v: unknown): string | undefined {
  if (v === undefined) return s.type === 'string' ? 'must be a non-empty string' : 'is required';
  const types = s.type === undefined ? undefined : typeof s.type === 'string' ? [s.type] : s.type;
  const t = typeOf(v);
  if (types && !types.includes(t) && !(t === 'integer' && types.includes('number')))
    return `must be ${types.map((x) => (x === 'object' || x === 'array' || x === 'integer' ? `an ${x}` : `a ${x}`)).join(' or ')}`;
  if (s.const !== undefined && v !== s.const) return `must be ${JSON.stringify(s.const)}`;
  if (s.enum && !s.enum.includes(v)) return `must be one of ${s.enum.join(', ')}`;
  if (typeof v === 'string') {
    if (s.minLength !== undefined && [...v].length < s.minLength)
      return s.minLength === 1 ? 'must be a non-empty string' : `must be at least ${s.minLength} characters`;
    if (s.maxLength !== undefined && [...v].length > s.maxLength) return `must be at most ${s.maxLength} characters`;
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v))
      return s.pattern === NOT_BLANK ? 'must be a non-empty string' : `must match ${s.pattern}`;
    if (s.format === 'date-time' && !(DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))))
      return 'must be an ISO-8601 date-time with an offset';
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return `must be ${s.minimum} or more`;
    if (s.maximum !== undefined && v > s.maximum) return `must be ${s.maximum} or less`;
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return `must hold at least ${s.minItems}`;
    if (s.maxItems !== undefined && v.length > s.maxItems) return `must hold at most ${s.maxItems}`;
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) return 'must not repeat an item';
  }
  return undefined;
}
