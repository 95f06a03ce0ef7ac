import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

import { currentLogContext } from '../../../libs/observability/log-context';
import type { ApiMetrics } from './api-metrics';

/** Probes and scrapes come every few seconds: counted, but not written to the access log. */
const QUIET = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * The access log and the request metrics, when the answer is sent: one line per request with its route, status and
 * duration (and, from the log context, its request id, network, person and workflow id).
 */
export function httpObservability(logger: Logger, metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context = currentLogContext(); // the request's, which the guard and the client add to as it goes
    let done = false;
    // `finish`: answered; `close` without it: the client gave up first (status 499, as nginx logs it).
    const end = () => {
      if (done) return;
      done = true;
      const status = res.writableFinished ? res.statusCode : 499;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
      metrics.observe(req.method, route, status, seconds);
      if (QUIET.has(req.path)) return;
      const line = {
        ...context,
        context: 'http',
        method: req.method,
        route,
        path: req.originalUrl,
        status,
        durationMs: Math.round(seconds * 1000),
      };
      if (status === 499) logger.warn(line, 'request abandoned by the client');
      else if (status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}
