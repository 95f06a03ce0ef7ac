/* What the installers share. Plain JavaScript: it runs before anything is compiled. */
'use strict';
const { spawnSync } = require('node:child_process');

function log(message) {
  process.stdout.write(`[mignet] ${message}\n`);
}

/** Runs a command to its end; `env` adds to this process's environment. */
function run(cmd, args, env) {
  return spawnSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ? { ...process.env, ...env } : process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

module.exports = { log, run };
