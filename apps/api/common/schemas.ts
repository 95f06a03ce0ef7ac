import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

/**
 * Small builders for the response schemas of routes whose answers are read models or reports rather than DTO
 * classes: every field named is required and typed; `open` objects may carry more (the domain's own shapes).
 */
export const S = {
  str: (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra }),
  int: (): SchemaObject => ({ type: 'integer' }),
  bool: (): SchemaObject => ({ type: 'boolean' }),
  time: (): SchemaObject => ({ type: 'string', format: 'date-time' }),
  nullable: (s: SchemaObject): SchemaObject => ({ ...s, nullable: true }),
  arr: (items: SchemaObject): SchemaObject => ({ type: 'array', items }),
  /** Any JSON object: a domain shape documented where it is defined. */
  any: (): SchemaObject => ({ type: 'object', additionalProperties: true }),
  /** Any JSON value. */
  json: (): SchemaObject => ({}),
  obj: (properties: Record<string, SchemaObject>, open = true): SchemaObject => ({
    type: 'object',
    required: Object.keys(properties),
    properties,
    additionalProperties: open,
  }),
  items: (item: SchemaObject): SchemaObject => S.obj({ items: S.arr(item) }),
};
