import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Client as PgClient } from 'pg';

import { parseHistoryFile, ParsedHistory } from '../../libs/audit/history-file';
import { auditBundle } from '../../libs/audit/bundle';
import { replayHistories, ReplayOutcome, WorkflowBundle } from '../../libs/audit/replay';
import { stateAt, timeline } from '../../libs/audit/timeline';
import { trustedKeys } from '../../libs/audit/signing';
import { verifyExport } from '../../libs/audit/verify-export';
import { verifyAuditLog } from '../../libs/persistence/audit-chain';
import { administration, ADMINISTRATION_USAGE, isAdministration } from './administration';
import { report, REPORT_USAGE } from './report';

const VERSION = (JSON.parse(readFileSync(packageJson(), 'utf8')) as { version: string }).version;

/** The package's manifest: beside the sources (ts-node), or one level further up from the compiled dist/. */
function packageJson(): string {
  const candidates = [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

const USAGE = `mignet — audit tools (no server needed for files), reports, and administering networks, people and keys

  mignet --help | -h             this text;  mignet --version | -V   the version

  mignet audit replay <file|dir>... [--json] [--bundle <workflow-bundle.js>]
        replays histories (as written by \`temporal workflow show --output json\` or mignet's export) against
        the workflow code here; exits 1 when any history does not replay or a file is not a history
  mignet audit timeline <file> [--json] [--bundle …]
        the domain events the history holds: when, which agency and key, what, and the phase or status after it
  mignet audit state <file> (--at <ISO date-time> | --event <history event id>) [--bundle …]
        the process's state as of that moment, rebuilt with the workflow's own reducers
  mignet projections rebuild [--network <code>] [--year <year>] [--bundle …]
        deletes and refills the read models from the histories in Temporal (TEMPORAL_ADDRESS, default 127.0.0.1:7233)
        into DATABASE_URL, with the workflows' own reducers and projections; running it twice gives the same rows
  mignet audit verify-log [--network <code>] [--public-key <pem> [--signed-from <seq>]] [--json]
        walks the hash-chained audit log in DATABASE_URL and names the first row that breaks it (with --public-key,
        also the first row whose signature does not hold, or that is unsigned from seq 1, or --signed-from, on);
        exits 1 if one does
  mignet audit verify-export <archive.tar.gz> (--public-key <pem> | --trust-archive-key) [--json] [--bundle …]
        checks a year's export offline: the manifest's signature with the network's public key, every file's
        SHA-256, the audit log's chain, row signatures and the heads recorded in Temporal, and replays every
        history; exits 1 on any failure (--trust-archive-key: with the key the archive carries, a first look only)
${REPORT_USAGE}${ADMINISTRATION_USAGE}`;

/** The CLI's entry point: returns the exit code. Output goes to `out` (results) and `err` (progress, reasons). */
export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): Promise<number> {
  const [group, command, ...rest] = argv;
  // Help and the version are answers, on stdout, whatever else the line says.
  if (group === undefined || group === 'help' || argv.some((a) => a === '--help' || a === '-h')) {
    out.write(USAGE);
    return 0;
  }
  if (argv.some((a) => a === '--version' || a === '-V')) {
    out.write(`mignet ${VERSION}\n`);
    return 0;
  }
  if (isAdministration(group)) return administration(group, command, rest, out, err);
  const flags = parseFlags(rest);
  if (typeof flags === 'string') {
    err.write(`${flags}\n\n${USAGE}`);
    return 2;
  }
  if (group === 'audit' && command === 'replay') return auditReplay(flags, out, err);
  if (group === 'audit' && command === 'verify-log') return verifyLog(flags, out, err);
  if (group === 'audit' && command === 'verify-export') return auditVerifyExport(flags, out, err);
  if (group === 'audit' && command === 'timeline') return auditTimeline(flags, out, err);
  if (group === 'audit' && command === 'state') return auditState(flags, out, err);
  if (group === 'projections' && command === 'rebuild') return rebuild(flags, out, err);
  if (group === 'report' && command === 'annual') return report(flags, out, err);
  err.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

interface Flags {
  readonly positional: string[];
  readonly json: boolean;
  readonly bundle?: string;
  readonly network?: string;
  readonly at?: string;
  readonly event?: string;
  readonly year?: string;
  readonly publicKey?: string;
  readonly trustArchiveKey?: boolean;
  readonly signedFrom?: string;
  readonly format?: string;
  readonly lang?: string;
  readonly table?: string;
  readonly out?: string;
}

const VALUED = {
  '--bundle': 'bundle',
  '--network': 'network',
  '--at': 'at',
  '--event': 'event',
  '--year': 'year',
  '--public-key': 'publicKey',
  '--signed-from': 'signedFrom',
  '--format': 'format',
  '--lang': 'lang',
  '--table': 'table',
  '--out': 'out',
} as const;

/** Flags and positionals; an unknown flag or a flag without its value is an error (a typo must not widen a rebuild). */
function parseFlags(args: readonly string[]): Flags | string {
  const flags: { positional: string[]; json: boolean; trustArchiveKey?: boolean } & Partial<
    Record<(typeof VALUED)[keyof typeof VALUED], string>
  > = { positional: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') flags.json = true;
    else if (arg === '--trust-archive-key') flags.trustArchiveKey = true;
    else if (arg in VALUED) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      flags[VALUED[arg as keyof typeof VALUED]] = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else flags.positional.push(arg);
  }
  return flags;
}

/** The .json files named, directories searched recursively, in a stable order. */
function historyFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    let directory = false;
    try {
      directory = statSync(p).isDirectory();
    } catch {
      // a broken link or an unreadable entry: reported as unreadable with its reason below
    }
    if (directory) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else if (p.endsWith('.json') || paths.includes(p)) {
      files.push(p);
    }
  };
  for (const p of paths) {
    if (!existsSync(p))
      files.push(p); // reported as unreadable below
    else walk(p);
  }
  return files;
}

async function auditReplay(
  flags: Flags,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<number> {
  if (flags.positional.length === 0) {
    err.write(`Name history files or directories.\n\n${USAGE}`);
    return 2;
  }
  const parsed: ParsedHistory[] = historyFiles(flags.positional).map((file) => {
    try {
      return parseHistoryFile(file, readFileSync(file, 'utf8'));
    } catch (e) {
      return {
        ok: false as const,
        file,
        reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      };
    }
  });
  const good = parsed.filter((p): p is Extract<ParsedHistory, { ok: true }> => p.ok);
  const bad = parsed.filter((p): p is Extract<ParsedHistory, { ok: false }> => !p.ok);
  for (const b of bad) err.write(`${b.file}: ${b.reason}\n`);

  const progress = progressBar(err, good.length);
  const outcomes =
    good.length > 0
      ? await replayHistories(good, await workflowBundle(flags.bundle, err), (_o, done) => progress(done))
      : [];
  const failed = outcomes.filter((o) => !o.ok);
  if (flags.json) {
    out.write(
      `${JSON.stringify({ replayed: outcomes, rejectedFiles: bad.map(({ file, reason }) => ({ file, reason })) }, null, 2)}\n`,
    );
  } else {
    out.write(table(outcomes));
    out.write(
      `${outcomes.length - failed.length} replayed cleanly, ${failed.length} did not${bad.length > 0 ? `, ${bad.length} file(s) not a mignet history` : ''}\n`,
    );
  }
  return failed.length > 0 || bad.length > 0 ? 1 : 0;
}

function table(outcomes: readonly ReplayOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.ok ? 'ok' : 'FAILED',
    String(o.events),
    o.workflowId,
    o.ok ? '' : `diverges at event ${o.divergedAt ?? '?'}: ${o.error}`,
  ]);
  const header = ['result', 'events', 'workflow', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** A bar on a terminal; on a pipe, a line at every tenth. */
function progressBar(err: NodeJS.WritableStream & { isTTY?: boolean }, total: number): (done: number) => void {
  if (total === 0) return () => undefined;
  let lastTenth = -1;
  return (done) => {
    if (err.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      err.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      err.write(`replayed ${done}/${total}\n`);
    }
  };
}

/** The workflow code to replay against: the bundle given, the build's own when running compiled, else the sources bundled now. */
async function workflowBundle(given: string | undefined, err: NodeJS.WritableStream): Promise<WorkflowBundle> {
  const path =
    given ??
    process.env.WORKFLOW_BUNDLE_PATH ??
    (__filename.endsWith('.js') ? resolve(__dirname, '..', '..', 'workflow-bundle.js') : undefined);
  if (path && !existsSync(path)) throw new Error(`No workflow bundle at ${path}: run npm run build, or pass --bundle`);
  if (!path) err.write('bundling the workflow code in workflows/ …\n');
  return auditBundle(path);
}

/** One history file, or a one-line reason and exit code 2. */
function oneHistory(flags: Flags, err: NodeJS.WritableStream): Extract<ParsedHistory, { ok: true }> | undefined {
  const [file] = flags.positional;
  if (!file || flags.positional.length > 1) {
    err.write(`Name one history file.\n\n${USAGE}`);
    return undefined;
  }
  let parsed: ParsedHistory;
  try {
    parsed = parseHistoryFile(file, readFileSync(file, 'utf8'));
  } catch (e) {
    parsed = { ok: false, file, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (!parsed.ok) err.write(`${file}: ${parsed.reason}\n`);
  return parsed.ok ? parsed : undefined;
}

async function auditTimeline(flags: Flags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const h = oneHistory(flags, err);
  if (!h) return 2;
  const entries = await timeline(h, await workflowBundle(flags.bundle, err));
  if (flags.json) out.write(`${JSON.stringify(entries, null, 2)}\n`);
  else
    for (const e of entries)
      out.write(
        `${String(e.eventId).padStart(5)}  ${e.at}  ${(e.agency ?? e.role ?? '').padEnd(8)}  ${e.statusAfter.padEnd(16)}  ${e.what}\n`,
      );
  return 0;
}

async function auditState(flags: Flags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const h = oneHistory(flags, err);
  if (!h) return 2;
  if (
    (flags.at === undefined) === (flags.event === undefined) ||
    (flags.at !== undefined && Number.isNaN(Date.parse(flags.at))) ||
    (flags.event !== undefined && !/^\d+$/.test(flags.event))
  ) {
    err.write('Give one of --at <ISO date-time> or --event <history event id>.\n');
    return 2;
  }
  const found = await stateAt(h, await workflowBundle(flags.bundle, err), {
    at: flags.at,
    event: flags.event === undefined ? undefined : Number(flags.event),
  });
  if (!found) {
    err.write(`${h.workflowId} had no state yet at that moment\n`);
    return 1;
  }
  out.write(`${JSON.stringify(found, null, 2)}\n`);
  return 0;
}

async function verifyLog(flags: Flags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    err.write('Set DATABASE_URL to the PostgreSQL database whose audit log to verify.\n');
    return 2;
  }
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    const query = async (sql: string, params: unknown[]) =>
      (await pg.query(sql, params)).rows as Record<string, unknown>[];
    const networks = flags.network
      ? [flags.network]
      : (await query(`SELECT DISTINCT network_code FROM audit_log ORDER BY network_code`, [])).map(
          (r) => r.network_code as string,
        );
    const results = [];
    const keys = flags.publicKey ? trustedKeys([readFileSync(flags.publicKey, 'utf8')]) : undefined;
    const signedFrom = flags.signedFrom === undefined ? undefined : Number(flags.signedFrom);
    if (signedFrom !== undefined && !(Number.isInteger(signedFrom) && signedFrom >= 1)) {
      err.write('--signed-from must be a row number (1 or more)\n');
      return 2;
    }
    for (const network of networks)
      results.push(await verifyAuditLog(query, network, keys ? { keys, signedFrom } : {}));
    if (flags.json) out.write(`${JSON.stringify(results, null, 2)}\n`);
    for (const r of flags.json ? [] : results) {
      out.write(
        r.intact
          ? `${r.network}: ${r.rows} rows, chain intact\n`
          : `${r.network}: chain broken at seq ${r.firstBreak!.seq} (request ${r.firstBreak!.requestId}, ${r.firstBreak!.at}): ${r.firstBreak!.reason}\n`,
      );
    }
    return results.every((r) => r.intact) ? 0 : 1;
  } finally {
    await pg.end();
  }
}

async function auditVerifyExport(
  flags: Flags,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const [file] = flags.positional;
  if (!file || flags.positional.length > 1) {
    err.write(`Name one export archive.\n\n${USAGE}`);
    return 2;
  }
  let archive: Buffer;
  let publicKeyPem: string | undefined;
  try {
    archive = readFileSync(file);
    publicKeyPem = flags.publicKey ? readFileSync(flags.publicKey, 'utf8') : undefined;
  } catch (e) {
    err.write(
      `${(e as NodeJS.ErrnoException).path ?? file}: unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`,
    );
    return 2;
  }
  const r = await verifyExport(archive, {
    publicKeyPem,
    trustArchiveKey: flags.trustArchiveKey,
    bundle: await workflowBundle(flags.bundle, err),
  });
  if (flags.json) {
    out.write(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    out.write(`${file}: network ${r.network ?? '?'}, year ${r.year ?? '?'}\n`);
    out.write(
      `  signature   ${r.signature.valid ? `valid (key ${r.signature.keyId}${r.signature.pinned ? ', the key you gave' : ", the archive's own"})` : 'INVALID'}\n`,
    );
    out.write(
      `  files       ${r.files.checked} listed, ${r.files.problems.length === 0 ? 'every SHA-256 matches' : `${r.files.problems.length} problem(s)`}\n`,
    );
    if (r.chain)
      out.write(
        `  audit log   ${r.chain.rows} rows, ${r.chain.intact ? 'chain intact' : `broken at seq ${r.chain.firstBreak!.seq}`}; ${r.chain.signatures?.signed ?? 0} signed; ${r.chain.anchors ? `${r.chain.anchors.checked} anchors hold` : 'no anchors'}\n`,
      );
    out.write(`  replay      ${r.replay.replayed - r.replay.failed.length} of ${r.replay.replayed} histories replay\n`);
    for (const w of r.warnings) out.write(`  note: ${w}\n`);
    for (const p of r.problems) out.write(`  FAILED: ${p}\n`);
    out.write(r.ok ? 'export verified\n' : 'export NOT verified\n');
  }
  return r.ok ? 0 : 1;
}

async function rebuild(flags: Flags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    err.write(
      'Set DATABASE_URL to the PostgreSQL database to rebuild, and TEMPORAL_ADDRESS if Temporal is not on 127.0.0.1:7233.\n',
    );
    return 2;
  }
  if (flags.positional.length > 0) {
    err.write(`projections rebuild takes no arguments (${flags.positional.join(' ')}): use --network and --year\n`);
    return 2;
  }
  if (flags.year !== undefined && !/^\d{4}$/.test(flags.year)) {
    err.write('--year must be a year, such as 2027\n');
    return 2;
  }
  const bundle = await workflowBundle(flags.bundle, err);
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../../libs/persistence/data-source');
  const { Client, Connection } = await import('@temporalio/client');
  const { rebuildProjections } = await import('../../activities/rebuild-projections');
  const dataSource = new DataSource(dataSourceOptions(url, 4));
  await dataSource.initialize();
  const { TemporalConnection } = await import('../../libs/temporal/connection');
  const temporal = TemporalConnection.fromEnvironment(process.env); // TLS and API key as the worker takes them
  const connection = await Connection.connect(
    temporal.options(process.env.TEMPORAL_ADDRESS ?? temporal.address ?? '127.0.0.1:7233'),
  );
  try {
    const client = new Client({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? temporal.namespace ?? 'default',
    });
    const networks = flags.network
      ? [flags.network]
      : ((await dataSource.query(`SELECT code FROM networks ORDER BY code`)) as { code: string }[]).map((n) => n.code);
    for (const network of networks) {
      const result = await rebuildProjections(
        { dataSource, client, bundle },
        { network, year: flags.year === undefined ? undefined : Number(flags.year) },
        (done, total, what) => err.write(`${network}: ${what} ${done}/${total}\n`),
      );
      out.write(
        `${network}${flags.year ? ` ${flags.year}` : ''}: rebuilt from ${result.workflows} histories in ${result.steps} steps\n`,
      );
    }
    return 0;
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

/**
 * Exits once what was written has left: to a pipe, stdout is written asynchronously, and exiting at once cut a large
 * answer (`mignet audit state … | jq`) at 64 KiB. An empty write's callback runs after every earlier chunk is flushed.
 */
export function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(exitAfterOutput, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    exitAfterOutput(2);
  });
}
