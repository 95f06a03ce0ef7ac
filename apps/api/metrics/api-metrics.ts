import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { AuditService } from '../audit/audit.service';

/**
 * The API process's Prometheus metrics, in a registry of its own (several apps in one test process each have theirs):
 * requests by route template and status, their latency, task completions by kind and outcome, the audit rows
 * waiting for PostgreSQL, and Node's own (event loop lag, heap, GC).
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'mignet_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'mignet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly taskCompletions = new Counter({
    name: 'mignet_task_completions_total',
    help: "Task completions, by task kind and outcome ('completed', or the refusal's error code)",
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(audit: AuditService) {
    new Gauge({
      name: 'mignet_audit_rows_waiting',
      help: 'Audit rows this API process holds until PostgreSQL answers again',
      registers: [this.registry],
      collect() {
        this.set(audit.waitingRows);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one answered request (`route`: the template, e.g. /networks/:network/tasks/:id/complete). */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }
}
