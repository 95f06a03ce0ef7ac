import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * The workflow code of workflows/, bundled as the worker loads it (STYLE 7): for the build's bundle file, and for
 * audits that replay against the sources. The bundler's progress is not printed; its warnings and errors are.
 */
export async function bundleWorkflows(): Promise<string> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  return code;
}
