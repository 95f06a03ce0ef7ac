import { bundleWorkflows } from '../temporal/workflow-bundle';
import type { WorkflowBundle } from './replay';

let bundled: Promise<WorkflowBundle> | undefined;

/**
 * The workflow code audits replay against: a prebuilt bundle (`WORKFLOW_BUNDLE_PATH`, `npm run build`'s), or the
 * sources bundled once per process (development with ts-node; a few seconds the first time).
 */
export function auditBundle(prebuiltPath?: string): Promise<WorkflowBundle> {
  if (prebuiltPath) return Promise.resolve({ codePath: prebuiltPath });
  bundled ??= bundleWorkflows().then((code) => ({ code }));
  return bundled;
}
