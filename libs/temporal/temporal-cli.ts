import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

import { version as PINNED_VERSION } from '../../scripts/temporal-cli-version.json';

export { PINNED_VERSION as TEMPORAL_CLI_VERSION };

export type TemporalCli =
  | { readonly source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'tools'; readonly path: string }
  | { readonly source: 'sdk-download' };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the official `temporal` CLI, in the order the README gives: TEMPORAL_CLI_PATH; `temporal` on PATH; the
 * project's tools folder (filled by `npm ci` from PyPI); else the Temporal SDK downloads it, where there is internet.
 */
export function locateTemporalCli(
  env: NodeJS.ProcessEnv = process.env,
  repoRoot = resolve(__dirname, '..', '..'),
): TemporalCli {
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { source: 'TEMPORAL_CLI_PATH', path: explicit };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'temporal');
    if (isExecutable(candidate)) return { source: 'PATH', path: candidate };
  }
  // From dist/ the repo root is one level further up; look in both places.
  for (const root of [repoRoot, resolve(repoRoot, '..')]) {
    const candidate = join(root, 'tools', 'temporal', PINNED_VERSION, 'temporal');
    if (isExecutable(candidate)) return { source: 'tools', path: candidate };
  }
  return { source: 'sdk-download' };
}

/** `temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)`, for the start-up log. */
export function describeTemporalCli(cli: TemporalCli): string {
  if (cli.source === 'sdk-download') return 'Temporal SDK download (needs internet)';
  try {
    const version = execFileSync(cli.path, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
    return `${version} from ${cli.source} (${cli.path})`;
  } catch {
    return `${cli.path} from ${cli.source}`;
  }
}
