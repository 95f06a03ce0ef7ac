#!/usr/bin/env node
/**
 * Builds the web application (apps/web) into dist/web with Vite. `--if-stale`: only when dist/web is missing or older
 * than a file of apps/web, so `npm start` and the tests serve the pages of the sources they run, and cost nothing
 * when nothing changed. npm ci runs it (postinstall), so a fresh clone serves the pages at once.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'apps', 'web');
const built = join(root, 'dist', 'web', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--if-stale') && existsSync(built) && statSync(built).mtimeMs >= newest(source))
  process.exit(0);
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  console.error('build-web: vite is not installed (npm ci installs it); the pages are not built');
  process.exit(process.argv.includes('--if-stale') ? 0 : 1);
}
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(source, 'vite.config.mts'), '--logLevel', 'warn'],
  // Production React whoever calls it: jest's global setup runs with NODE_ENV=test, which would build React's
  // development runtime (three times the size, and slower).
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`build-web: the pages are built into dist/web (${Date.now() - started} ms)`);
