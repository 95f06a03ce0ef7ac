import type { JsonSchema } from '../../../libs/domain/json-schema';

/**
 * A task kind's answer schema as OpenAPI 3.0 (what @nestjs/swagger writes) reads it: `const` as a one-value `enum`,
 * `['string', 'null']` as `nullable`, one `example`; a condition (`allOf`/`if`) and `errorMessage`, which 3.0 lacks,
 * left out (the validator keeps them; `GET /networks/{n}/task-kinds` publishes the whole JSON Schema).
 */
export function openApiSchema(s: JsonSchema): Record<string, unknown> {
  const { type, const: only, examples, properties, items, ...kept } = s;
  const rest: Record<string, unknown> = { ...kept };
  for (const key of ['allOf', 'errorMessage']) delete rest[key];
  const types = typeof type === 'string' || type === undefined ? [type] : type;
  const nonNull = types.filter((t) => t !== 'null');
  return {
    ...rest,
    ...(nonNull[0] ? { type: nonNull[0] } : {}),
    ...(types.includes('null') ? { nullable: true } : {}),
    ...(only !== undefined ? { enum: [only] } : {}),
    ...(examples?.length ? { example: examples[0] } : {}),
    ...(properties
      ? { properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, openApiSchema(v)])) }
      : {}),
    ...(items ? { items: openApiSchema(items) } : {}),
  };
}
