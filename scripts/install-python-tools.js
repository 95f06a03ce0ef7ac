#!/usr/bin/env node
/*
 * Installs the Python tools the test suite runs, each into a virtualenv of its own under tools/<name>/<version>/,
 * from PyPI: schemathesis (the property-based API fuzzer run against the served OpenAPI document) and
 * check-jsonschema (which validates docker-compose.yml against the compose specification's schema, vendored in the
 * package, so no network at test time). Runs in `npm ci`'s postinstall after the Temporal CLI. It never fails the
 * install; where pip or venv is missing it says so, and the tests that need a tool say how to install it.
 * MIGNET_SKIP_SCHEMATHESIS=1 skips them (a machine that only runs the product).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { log, run } = require('./install-helpers');

/** The pinned tools, and the command each puts in its venv's bin/. */
const TOOLS = [
  { name: 'schemathesis', version: '4.32.5', bin: 'st' },
  { name: 'check-jsonschema', version: '0.39.0', bin: 'check-jsonschema' },
];
const root = path.resolve(__dirname, '..');

function install({ name, version, bin }, python) {
  const venv = path.join(root, 'tools', name, version);
  const exe = path.join(venv, 'bin', bin);
  if (fs.existsSync(exe) && run(exe, ['--version']).status === 0)
    return log(`${name} ${version} already in ${path.relative(root, venv)}.`);
  log(`Installing ${name} ${version} from PyPI into ${path.relative(root, venv)}/ ...`);
  fs.rmSync(venv, { recursive: true, force: true });
  const made = run(python, ['-m', 'venv', venv]);
  if (made.status !== 0) return log(`python -m venv failed; ${name} was not installed:\n${made.stderr.trim()}`);
  const pip = run(path.join(venv, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `${name}==${version}`,
  ]);
  if (pip.status !== 0) return log(`pip install ${name}==${version} failed:\n${pip.stderr.trim()}`);
  log(`Installed: ${run(exe, ['--version']).stdout.trim()}`);
}

function main() {
  if (process.env.MIGNET_SKIP_SCHEMATHESIS === '1')
    return log('MIGNET_SKIP_SCHEMATHESIS=1: not installing the Python test tools.');
  const python = ['python3', 'python'].find((cmd) => run(cmd, ['-m', 'venv', '--help']).status === 0);
  if (!python) return log('python3 with venv not found: the Python test tools were not installed (see README, Tests).');
  for (const tool of TOOLS) install(tool, python);
}

main();
