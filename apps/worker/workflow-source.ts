import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import type { WorkerOptions } from '@temporalio/worker';

import type { WorkflowType } from '../../libs/processes/registry';
import type * as bundle from '../../workflows';

/**
 * The bundle's entry point exports exactly the registry's workflow types: a process whose workflow is left out of
 * workflows/index.ts, or a workflow the registry does not know, fails `tsc` here (the worker would register it by
 * its export name, and a history names it by that).
 */
type Exported = keyof typeof bundle;
export const BUNDLE_MATCHES_REGISTRY: [Exclude<WorkflowType, Exported>, Exclude<Exported, WorkflowType>] extends [
  never,
  never,
]
  ? true
  : never = true;

/** Where the compiled build writes the prebuilt bundle (scripts/bundle-workflows.ts). */
export const DEFAULT_BUNDLE_PATH = resolve(__dirname, '..', '..', 'workflow-bundle.js');

/**
 * The workflow code the worker runs: an explicit prebuilt bundle; the build's own bundle when running compiled;
 * else the TypeScript sources, bundled at start (development with ts-node).
 */
export function workflowSource(bundlePath?: string): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (bundlePath) {
    if (!existsSync(bundlePath))
      throw new Error(`WORKFLOW_BUNDLE_PATH=${bundlePath} does not exist; run npm run build`);
    return { workflowBundle: { codePath: bundlePath } };
  }
  if (__filename.endsWith('.js') && existsSync(DEFAULT_BUNDLE_PATH))
    return { workflowBundle: { codePath: DEFAULT_BUNDLE_PATH } };
  return { workflowsPath: require.resolve('../../workflows') };
}
