/* What the postinstall installers share. Plain JavaScript: it runs before anything is compiled. */
'use strict';
const { spawnSync } = require('node:child_process');

function log(message) {
  process.stdout.write(`[mignet] ${message}\n`);
}

function run(cmd, args) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

module.exports = { log, run };
