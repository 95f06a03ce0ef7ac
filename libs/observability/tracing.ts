import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/*
 * What is traced: the API's requests and the Temporal client's calls (one trace per request), and the worker's
 * activities. Not the workflows: the SDK's workflow interceptors (@temporalio/interceptors-opentelemetry 1.24) made a
 * history that does not replay: an Update handled live with its span (the history did not record the SDK flag that
 * gates it) finished a step later than on replay, which found a timer where it expected the Update's completion. A
 * worker replaying such a history after a restart would fail the workflow task; so no workflow interceptor is
 * bundled, and an activity's span starts a trace of its own.
 */

export interface Tracing {
  readonly service: string;
  /** Where the spans go: `OTLP <endpoint>`, or what a test gave. */
  readonly destination: string;
  /** Sends what is buffered and stops (at shutdown, so the last requests' spans are not lost). */
  shutdown(): Promise<void>;
}

let installed: Tracing | undefined;

/**
 * Traces this process when an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; the exporter reads its headers and timeout from the standard variables too) or
 * a span processor is given; else nothing is set up and every span is the API's no-op. Once per process: a second
 * call (the embedded mode's worker after its API) gets the first one's.
 */
export function installTracing(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  given?: { readonly processor: SpanProcessor; readonly destination: string },
): Tracing | undefined {
  if (installed) return installed;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!given && !endpoint) return undefined;
  const processor = given?.processor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const name = env.OTEL_SERVICE_NAME || service;
  const resource = new Resource({ 'service.name': name });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // Global: the Temporal interceptors and the HTTP spans take the tracer, the context and the propagator from it. Trace
  // context only: W3C baggage from a caller would travel in every workflow's headers, into its history.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  installed = {
    service: name,
    destination: given?.destination ?? `OTLP/HTTP JSON ${withoutSecrets(endpoint!)}`,
    shutdown: () => provider.shutdown(),
  };
  return installed;
}

/** An endpoint as a log line may show it: no user, password or query (a collector's token may sit there). */
function withoutSecrets(endpoint: string): string {
  try {
    const u = new URL(endpoint);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an endpoint that is not a URL)';
  }
}
