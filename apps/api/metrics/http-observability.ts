import { context as otelContext, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

import { currentLogContext } from '../../../libs/observability/log-context';
import type { ApiMetrics } from './api-metrics';

/** Probes and scrapes come every few seconds: counted, but not written to the access log. */
const QUIET = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

const tracer = trace.getTracer('mignet-api');

/**
 * The access log, the request metrics and the request's span, when the answer is sent: one line per request with its
 * route, status and duration (and, from the log context, its request id, network, person and workflow id). The span
 * is the trace's root (or continues the caller's `traceparent`): the Temporal client's spans, the workflow's Update and
 * the projection activity are its descendants. It is the API's no-op span unless the process is traced.
 */
export function httpObservability(logger: Logger, metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context = currentLogContext(); // the request's, which the guard and the client add to as it goes
    const parent = propagation.extract(otelContext.active(), req.headers);
    // Probes and scrapes are not traced: every few seconds, each would be a trace of its own.
    const span = QUIET.has(req.path)
      ? undefined
      : tracer.startSpan(
          `${req.method} ${req.path}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
          parent,
        );
    let done = false;
    // `finish`: answered; `close` without it: the client gave up first (status 499, as nginx logs it).
    const end = () => {
      if (done) return;
      done = true;
      const status = res.writableFinished ? res.statusCode : 499;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched';
      metrics.observe(req.method, route, status, seconds);
      if (!span) return; // a probe or a scrape: counted, not logged
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({
        'http.route': route,
        'http.response.status_code': status,
        ...(context?.requestId ? { 'mignet.request_id': context.requestId } : {}),
        ...(context?.network ? { 'mignet.network': context.network } : {}),
        ...(context?.workflowId ? { 'mignet.workflow_id': context.workflowId } : {}),
      });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
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
    if (span) otelContext.with(trace.setSpan(parent, span), next);
    else next();
  };
}
