import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { locateTemporalCli } from '../../libs/temporal/temporal-cli';
import { testEnv } from './test-env';

/**
 * With MIGNET_RECORD_HISTORIES=<dir>, writes a workflow's history as the official CLI exports it, for the replay
 * fixtures: `<workflow id, ':' as '_'>.<label>.json` (replay needs the id), replacing an earlier one of that label.
 */
export function recordHistory(workflowId: string, label: string): void {
  recordHistories([workflowId], label);
}

/** Several workflows' histories under one label, replacing every earlier one of that label. */
export function recordHistories(workflowIds: readonly string[], label: string): void {
  const dir = process.env.MIGNET_RECORD_HISTORIES;
  if (!dir) return;
  const cli = locateTemporalCli();
  if (cli.source === 'sdk-download') throw new Error('recording histories needs the temporal CLI');
  for (const old of readdirSync(dir).filter((f) => f.endsWith(`.${label}.json`))) rmSync(join(dir, old));
  for (const workflowId of workflowIds) {
    const json = execFileSync(
      cli.path,
      ['workflow', 'show', '-w', workflowId, '--output', 'json', '--address', testEnv().temporalAddress],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    writeFileSync(join(dir, `${workflowId.replace(/:/g, '_')}.${label}.json`), json);
  }
}
