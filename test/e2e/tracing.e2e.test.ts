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
 * One trace from the HTTP request to the workflow: the API's request span, the Temporal client's Update, the
 * workflow's handling of it, and the projection it waits for, scheduled in the workflow and run in the worker.
 */
describe('tracing: one trace from the request to the projection', () => {
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

  it("continues the caller's traceparent through the Update into the projection activity", async () => {
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
      const run = spans.find((s) => s.name === 'RunActivity:projectCycle');
      return run && spans.some((s) => s.name.startsWith('POST ')) ? { run, spans } : undefined;
    }, 'the spans of the request, its Update and its projection');
    expect(ancestry(projection.run, projection.spans)).toEqual([
      'RunActivity:projectCycle',
      'StartActivity:projectCycle',
      'HandleUpdate:completeTask',
      'StartWorkflowUpdate:completeTask',
      'POST /networks/:network/tasks/:id/complete',
    ]);
    const request = projection.spans.find((s) => s.name.startsWith('POST '))!;
    expect(request.parentSpanId).toBe('00f067aa0ba902b7'); // the caller's span
    expect(request.attributes).toMatchObject({
      'http.response.status_code': 200,
      'http.route': '/networks/:network/tasks/:id/complete',
      'mignet.network': 'tl',
      'mignet.workflow_id': `annual-cycle:tl:${year}`,
      'mignet.request_id': expect.any(String),
    });
    // The workflow's spans carry where they ran; the service is this process's.
    const update = projection.spans.find((s) => s.name === 'HandleUpdate:completeTask')!;
    expect(update.attributes).toMatchObject({ workflowId: `annual-cycle:tl:${year}` });
    expect(update.resource.attributes['service.name']).toBe('mignet-test');
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
