import { createLogger } from '../../libs/observability/logger';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';

type Line = Record<string, unknown>;

/**
 * What an operator sees of the API: JSON log lines carrying the request id, the network, the person and the workflow
 * id on every line of a request; Prometheus metrics by route template, status, task kind and outcome; liveness and
 * readiness probes.
 */
describe('observability of the API: structured logs, metrics, probes', () => {
  const lines: Line[] = [];
  const logger = createLogger({
    level: 'info',
    format: 'json',
    service: 'api',
    destination: { write: (line) => void lines.push(JSON.parse(line) as Line) },
  });
  const { stack, call } = useTestStack({ apiLogger: logger });
  const year = claimYear();

  it('answers /health/live always and /health/ready while PostgreSQL and Temporal answer', async () => {
    expect(await call('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call('GET', '/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', postgres: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('writes every line of a request with its request id, network, person and workflow id', async () => {
    const coordinator = stack.key('coordinator');
    expect((await call('POST', '/networks/tl/cycles', coordinator, { year, meetingsAndRounds: false })).status).toBe(
      201,
    );
    const wf = `annual-cycle:tl:${year}`;
    const task = `${wf}:contribute-activities:ILO`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(task)}`, coordinator)).status === 200 || undefined,
      'the ILO contribution task',
      30_000,
    );
    const requestId = `obs-${Date.now()}`;
    const res = await fetch(`${stack.baseUrl}/networks/tl/tasks/${encodeURIComponent(task)}/complete`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.key('ILO')}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
      },
      body: JSON.stringify({ activities: [proposal('ILO')] }),
    });
    expect(res.status).toBe(200);
    const mine = await waitFor(() => {
      const found = lines.filter((l) => l.requestId === requestId);
      return found.some((l) => l.msg === 'request completed') ? found : undefined;
    }, 'the access log line');
    for (const line of mine)
      expect(line).toMatchObject({
        service: 'api',
        requestId,
        network: 'tl',
        person: expect.stringMatching(/^ILO agency \(key [0-9a-f-]{36}\)$/),
        workflowId: wf,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: expect.any(String),
      });
    expect(mine.find((l) => l.msg === 'request completed')).toMatchObject({
      context: 'http',
      method: 'POST',
      route: '/networks/:network/tasks/:id/complete',
      status: 200,
      durationMs: expect.any(Number),
    });
    // Nothing of the key itself is ever written.
    expect(JSON.stringify(lines)).not.toContain(stack.key('ILO'));
  });

  it('serves Prometheus metrics: requests by route template and status, task completions by kind and outcome', async () => {
    const task = encodeURIComponent(`annual-cycle:tl:${year}:contribute-activities:FAO`);
    // A refusal counts too, with its error code as the outcome: FAO may not complete ILO's task.
    const ilo = encodeURIComponent(`annual-cycle:tl:${year}:contribute-activities:ILO`);
    expect((await call('POST', `/networks/tl/tasks/${ilo}/complete`, stack.key('FAO'), {})).status).toBe(403);
    expect(
      (await call('POST', `/networks/tl/tasks/${task}/complete`, stack.key('FAO'), { activities: 'none' })).status,
    ).toBe(422);
    const res = await fetch(`${stack.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await res.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect({
      completed: value('mignet_task_completions_total{kind="contribute-activities",outcome="completed"}'),
      refused: value('mignet_task_completions_total{kind="contribute-activities",outcome="INVALID_PAYLOAD"}'),
      started: value('mignet_http_requests_total{method="POST",route="/networks/:network/cycles",status="201"}'),
      forbidden: value(
        'mignet_http_requests_total{method="POST",route="/networks/:network/tasks/:id/complete",status="403"}',
      ),
      waiting: value('mignet_audit_rows_waiting'),
    }).toEqual({ completed: 1, refused: 1, started: 1, forbidden: 1, waiting: 0 });
    expect(text).toMatch(
      /^mignet_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/networks\/:network\/cycles",status="201"\} \d+$/m,
    );
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // Labels are route templates, never ids: the task ids do not appear.
    expect(text).not.toContain('contribute-activities:ILO');
  });
});
