#!/usr/bin/env node
/*
 * Installs the full Temporal server (the one production runs, on PostgreSQL) and its temporal-sql-tool into
 * tools/temporal-server/<version>/, with the module's PostgreSQL schema folder next to them, for the production test
 * tier (test/production). There is no download of Temporal's release binaries here: it builds them from the Go module
 * proxy (`go install go.temporal.io/server/cmd/server@v<version>`, about 6 minutes on 2 cores), once per machine: the
 * build goes to a cache outside the checkout (MIGNET_TOOLS_CACHE, default ~/.cache/mignet), so a fresh clone on the
 * same machine copies it in seconds.
 *
 * Not a postinstall step: only the production tier needs it, and it needs Go. Exits 1 with the reason when it cannot.
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { log, run } = require('./install-helpers');

const VERSION = require('./temporal-server-version.json').version;
const root = path.resolve(__dirname, '..');
const target = path.join(root, 'tools', 'temporal-server', VERSION);
const cacheRoot =
  process.env.MIGNET_TOOLS_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'mignet');
const cache = path.join(cacheRoot, 'temporal-server', VERSION);
/** What a complete installation holds; the marker is written last, so a build cut short is done again. */
const MARKER = '.complete';

const complete = (dir) => fs.existsSync(path.join(dir, MARKER));

function build() {
  const go = run('go', ['version']);
  if (go.status !== 0) throw new Error('Go is not installed (the Temporal server is built from the Go module proxy)');
  log(
    `Building the Temporal server ${VERSION} and temporal-sql-tool with ${go.stdout.trim()} (about 6 minutes, once per machine) ...`,
  );
  const partial = `${cache}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const started = Date.now();
  const install = run(
    'go',
    ['install', `go.temporal.io/server/cmd/server@v${VERSION}`, `go.temporal.io/server/cmd/tools/sql@v${VERSION}`],
    { GOBIN: partial },
  );
  if (install.status !== 0)
    throw new Error(`go install failed:\n${install.stderr.trim().split('\n').slice(-20).join('\n')}`);
  fs.renameSync(path.join(partial, 'server'), path.join(partial, 'temporal-server'));
  fs.renameSync(path.join(partial, 'sql'), path.join(partial, 'temporal-sql-tool'));
  // The schema the SQL tool sets up, and the module's dynamic-config examples, from the module just built.
  const modCache = run('go', ['env', 'GOMODCACHE']).stdout.trim();
  const module = path.join(modCache, 'go.temporal.io', `server@v${VERSION}`);
  fs.cpSync(path.join(module, 'schema', 'postgresql'), path.join(partial, 'schema', 'postgresql'), { recursive: true });
  for (const dir of fs.readdirSync(path.join(partial, 'schema'), { recursive: true })) {
    fs.chmodSync(path.join(partial, 'schema', String(dir)), 0o755); // module-cache files are read-only
  }
  fs.writeFileSync(
    path.join(partial, MARKER),
    `built ${new Date().toISOString()} in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  fs.renameSync(partial, cache);
  log(`Built in ${Math.round((Date.now() - started) / 1000)} s, cached in ${cache}.`);
}

function main() {
  if (complete(target)) {
    log(`Temporal server ${VERSION} already in ${path.relative(root, target)}.`);
    return;
  }
  if (!complete(cache)) build();
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(cache, target, { recursive: true });
  const version = run(path.join(target, 'temporal-server'), ['--version']);
  if (version.status !== 0) throw new Error(`${target}/temporal-server does not run: ${version.stderr.trim()}`);
  log(`Temporal server installed in ${path.relative(root, target)}: ${version.stdout.trim()}`);
}

try {
  main();
} catch (err) {
  log(`The Temporal server was not installed: ${err && err.message ? err.message : String(err)}`);
  process.exit(1);
}
