import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * The workflow-side tracing interceptors, in every bundle: a span for each workflow run, Update and activity it
 * schedules, carried to the activity in its headers. Replay-safe: the SDK gates what they change behind flags it
 * records in the history, and spans leave the sandbox through the `exporter` sink, which is not called on replay
 * (libs/observability/tracing.ts sends them on, or drops them when the process is not traced).
 */
export const WORKFLOW_INTERCEPTOR_MODULES: readonly string[] = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/**
 * The workflow code of workflows/, bundled as the worker loads it (STYLE 7): for the build's bundle file, and for
 * audits that replay against the sources (`interceptorModules`: [] only to measure what they cost). The bundler's progress is not printed; its warnings and errors are.
 */
export async function bundleWorkflows(interceptorModules = WORKFLOW_INTERCEPTOR_MODULES): Promise<string> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    workflowInterceptorModules: [...interceptorModules],
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  return code;
}
