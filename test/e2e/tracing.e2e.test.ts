import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

import { installTracing } from '../../libs/observability/tracing';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';

// Before the stack starts: this file's process is traced, its spans kept in memory (jest gives each file its own
// globals, so no other file's spans land here).
const exporter = new InMemorySpanExporter();
installTracing('mignet-test', {}, { processor: new SimpleSpanProcessor(exporter), destination: 'memory' });

/**
 * One trace per request: the API's request span and the Temporal client's Update under it, continuing the caller's
 * traceparent; the worker's activities traced too, each a trace of its own (no workflow interceptors: see
 * libs/observability/tracing.ts).
 */
describe('tracing: the request and its Update in one trace, the activities in the worker', () => {
  const { stack, call } = useTestStack();
  const year = claimYear();

  const parentOf = (s: ReadableSpan) => s.parentSpanId;
  /** The chain of span names from `span` up to the root of its trace. */
  const ancestry = (span: ReadableSpan, spans: readonly ReadableSpan[]): string[] => {
    const chain = [span.name];
    for (let p = parentOf(span); p;) {
      const parent = spans.find((s) => s.spanContext().spanId === p);
      if (!parent) break;
      chain.push(parent.name);
      p = parentOf(parent);
    }
    return chain;
  };

  it("continues the caller's traceparent into the Temporal client's Update; traces the projection activity", async () => {
    const coordinator = stack.key('coordinator');
    expect((await call('POST', '/networks/tl/cycles', coordinator, { year, meetingsAndRounds: false })).status).toBe(
      201,
    );
    const task = `annual-cycle:tl:${year}:contribute-activities:ILO`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(task)}`, coordinator)).status === 200 || undefined,
      'the ILO contribution task',
      30_000,
    );
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${stack.baseUrl}/networks/tl/tasks/${encodeURIComponent(task)}/complete`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.key('ILO')}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ activities: [proposal('ILO')] }),
    });
    expect(res.status).toBe(200);

    const projection = await waitFor(() => {
      const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      const update = spans.find((s) => s.name === 'StartWorkflowUpdate:completeTask');
      return update && spans.some((s) => s.name.startsWith('POST ')) ? { update, spans } : undefined;
    }, 'the spans of the request and its Update');
    expect(ancestry(projection.update, projection.spans)).toEqual([
      'StartWorkflowUpdate:completeTask',
      'POST /networks/:network/tasks/:id/complete',
    ]);
    // The workflow is not traced: nothing of it joins the request's trace; the activity that projected is traced.
    expect(
      projection.spans.filter((s) => /Workflow:|HandleUpdate|Activity:/.test(s.name) && !s.name.startsWith('Start')),
    ).toEqual([]);
    await waitFor(
      () => exporter.getFinishedSpans().find((s) => s.name === 'RunActivity:projectCycle'),
      'the projection activity span',
    );
    const request = projection.spans.find((s) => s.name.startsWith('POST '))!;
    expect(request.parentSpanId).toBe('00f067aa0ba902b7'); // the caller's span
    expect(request.attributes).toMatchObject({
      'http.response.status_code': 200,
      'http.route': '/networks/:network/tasks/:id/complete',
      'mignet.network': 'tl',
      'mignet.workflow_id': `annual-cycle:tl:${year}`,
      'mignet.request_id': expect.any(String),
    });
    expect(request.resource.attributes['service.name']).toBe('mignet-test');
  });

  it('starts a trace of its own for a request without traceparent', async () => {
    exporter.reset();
    const res = await fetch(`${stack.baseUrl}/networks/tl/cycles/${year}`, {
      headers: { authorization: `Bearer ${stack.key('coordinator')}` },
    });
    expect(res.status).toBe(200);
    const span = await waitFor(
      () => exporter.getFinishedSpans().find((s) => s.name === 'GET /networks/:network/cycles/:year'),
      'the request span',
    );
    expect(span.parentSpanId).toBeUndefined();
    expect(span.status.code).toBe(0); // unset: not an error
  });
});
