// Runs one test tier (a jest project, jest.config.js) with any jest arguments: `npm run test:e2e -- meetings -t "cancel"`.
// The tier goes last, so that paths and options given before it reach jest as they would without it.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const [tier, ...args] = process.argv.slice(2);
if (!tier) {
  console.error(
    'usage: node scripts/test-tier.js <unit|static|integration|e2e|replay|faults|browser|production> [jest arguments]',
  );
  process.exit(2);
}
const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, ...args, '--selectProjects', tier], { stdio: 'inherit' });
if (run.error) throw run.error;
process.exit(run.status ?? 1);
