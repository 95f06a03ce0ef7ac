import type { Request, Response } from 'express';

import { AppError, ErrorBody } from './app-error';
import { httpStatusOf } from './error-code';

export function sendError(req: Request, res: Response, error: AppError): void {
  const statusCode = httpStatusOf(error.code);
  const body: ErrorBody = {
    statusCode,
    code: error.code,
    message: error.message,
    details: error.details,
    requestId: req.requestId ?? 'unknown',
    path: req.originalUrl,
    timestamp: new Date().toISOString(),
  };
  if (error.retryAfterSeconds !== undefined)
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  res.status(statusCode).json(body);
}
