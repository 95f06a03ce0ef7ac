import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { bundleWorkflows } from '../libs/temporal/workflow-bundle';

/** Bundles workflows/ once, as the worker will load it (STYLE 7); returns the file written. */
export async function writeWorkflowBundle(outFile: string): Promise<string> {
  writeFileSync(outFile, await bundleWorkflows());
  return outFile;
}

// `npm run build` runs this compiled, from dist/scripts/: the bundle lands in dist/workflow-bundle.js.
if (require.main === module) {
  const out = resolve(__dirname, '..', 'workflow-bundle.js');
  writeWorkflowBundle(out).then(
    (file) => console.log(`Workflow bundle written to ${file}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
