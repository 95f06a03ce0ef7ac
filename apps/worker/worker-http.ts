import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { collectDefaultMetrics, Registry } from 'prom-client';

/** What the worker reports about itself. */
export interface WorkerProbes {
  /** Polling Temporal, and PostgreSQL answers: it can do its work. */
  ready(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** Where the Temporal SDK serves its own metrics (0: nowhere). */
  readonly temporalMetricsPort: number;
}

/**
 * The worker's HTTP port, for an orchestrator and for Prometheus: `/live` (the process answers), `/ready` (it polls
 * and reaches PostgreSQL: 200, else 503 with what is wrong), `/metrics` (Node's metrics and the Temporal SDK's:
 * workflow and activity task latencies, slots, polls, sticky cache, in one scrape).
 */
export async function startWorkerHttp(port: number, host: string, probes: WorkerProbes): Promise<Server> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mignet_worker_' });
  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return answer(405, { status: 'method not allowed' });
    if (path === '/live') return answer(200, { status: 'ok' });
    if (path === '/ready')
      return void probes.ready().then(
        (r) => answer(r.ready ? 200 : 503, { status: r.ready ? 'ok' : 'not ready', ...r.checks }),
        (err: unknown) => answer(503, { status: 'not ready', error: String(err) }),
      );
    if (path === '/metrics')
      return void Promise.all([registry.metrics(), temporalMetrics(probes.temporalMetricsPort)]).then(
        ([own, sdk]) => answer(200, own + sdk, registry.contentType),
        (err: unknown) => answer(500, `# ${String(err)}\n`, 'text/plain'),
      );
    answer(404, { status: 'not found', routes: ['/live', '/ready', '/metrics'] });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

/** The SDK's exporter text; empty when it is off or does not answer (the scrape still has Node's). */
async function temporalMetrics(port: number): Promise<string> {
  if (port === 0) return '';
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
