import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import { currentLogContext, withLogContext } from '../../../libs/observability/log-context';

declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}

const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it is sane, else makes one; every response and error carries it. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.requestId = given && ACCEPTED.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  withLogContext({ requestId: req.requestId }, next); // every log line of the request carries it
}

/**
 * The request being served, wherever the code is: a workflow Update carries its id as the Update id, which ties each
 * Update in a history to its audit-log row (and makes X-Request-Id an idempotency key for commands to a process).
 */
export function currentRequestId(): string | undefined {
  return currentLogContext()?.requestId;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set once the command's audit row is written, so it is never written twice. */
    audited?: boolean;
  }
}
