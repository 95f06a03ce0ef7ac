import type { OpenAPIObject } from '@nestjs/swagger';

import { ErrorCode } from './error-code';

const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'details', 'requestId', 'path', 'timestamp'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', enum: Object.values(ErrorCode) },
    message: { type: 'string' },
    details: {
      type: 'array',
      description: 'One entry per invalid field, naming it (`calendar.quarters[1].end`)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
    path: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
  },
} as const;

const WHY: Record<number, string> = {
  400: 'A field is not valid (named in `details`), an unknown field, malformed JSON, or input past the limits',
  401: 'No API key, or not a valid one',
  403: "The key's role may not do this, or it is not the task's assignee",
  404: 'No such network (or not the key’s), resource or route',
  409: 'The process or task does not take this now (already done, phase closed, already started)',
  413: 'The body is larger than 1 MB',
  422: "The task's answer is not valid (named in `details`)",
  429: 'A rate limit: see Retry-After',
  503: 'Temporal or PostgreSQL (named) is unavailable, or the process is catching up after a fault; nothing was changed: see Retry-After',
  504: 'The answer from Temporal was lost: the command may have taken effect; send it again with the same X-Request-Id',
};
const READ = [400, 401, 403, 404, 429, 503];
const COMMAND = [...READ, 409, 413, 422, 504];

/**
 * Gives every operation of the document the common error body for each error status it can answer (one place, not a
 * decorator per route), so clients and the fuzzer know what a refusal looks like.
 */
export function documentErrors(document: OpenAPIObject, publicPaths: readonly string[]): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorBody: ERROR_BODY as never },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { responses?: Record<string, unknown> }][]) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !operation) continue;
      const statuses = (method === 'get' ? READ : COMMAND).filter(
        (s) => !(publicPaths.includes(path) && (s === 401 || s === 403)),
      );
      operation.responses ??= {};
      for (const status of statuses) {
        operation.responses[String(status)] ??= {
          description: WHY[status],
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        };
      }
    }
  }
  return document;
}
