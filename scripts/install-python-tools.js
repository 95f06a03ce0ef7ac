#!/usr/bin/env node
/*
 * Installs schemathesis (the property-based API fuzzer the test suite runs against the served OpenAPI document) into
 * a virtualenv under tools/schemathesis/<version>/, from PyPI. Runs in `npm ci`'s postinstall after the Temporal CLI.
 * It never fails the install; where pip or venv is missing it says so, and the fuzz test says how to install it.
 * MIGNET_SKIP_SCHEMATHESIS=1 skips it (a machine that only runs the product).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { log, run } = require('./install-helpers');

const VERSION = '4.32.5';
const root = path.resolve(__dirname, '..');
const venv = path.join(root, 'tools', 'schemathesis', VERSION);
const st = path.join(venv, 'bin', 'st');

function main() {
  if (process.env.MIGNET_SKIP_SCHEMATHESIS === '1')
    return log('MIGNET_SKIP_SCHEMATHESIS=1: not installing schemathesis.');
  if (fs.existsSync(st) && run(st, ['--version']).status === 0)
    return log(`schemathesis ${VERSION} already in ${path.relative(root, venv)}.`);
  const python = ['python3', 'python'].find((cmd) => run(cmd, ['-m', 'venv', '--help']).status === 0);
  if (!python) return log('python3 with venv not found: schemathesis was not installed (the API fuzz test needs it).');
  log(`Installing schemathesis ${VERSION} from PyPI into ${path.relative(root, venv)}/ ...`);
  fs.rmSync(venv, { recursive: true, force: true });
  const made = run(python, ['-m', 'venv', venv]);
  if (made.status !== 0) return log(`python -m venv failed; schemathesis was not installed:\n${made.stderr.trim()}`);
  const pip = run(path.join(venv, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${VERSION}`,
  ]);
  if (pip.status !== 0) return log(`pip install schemathesis==${VERSION} failed:\n${pip.stderr.trim()}`);
  log(`Installed: ${run(st, ['--version']).stdout.trim()}`);
}

main();
