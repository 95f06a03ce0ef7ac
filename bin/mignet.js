#!/usr/bin/env node
// `npx mignet …` from the repository: the TypeScript sources through ts-node; the compiled CLI where there are none.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'apps', 'cli', 'mignet.js');
let cli;
if (existsSync(join(root, 'apps', 'cli', 'mignet.ts')) && existsSync(join(root, 'node_modules', 'ts-node'))) {
  require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
  cli = require(join(root, 'apps', 'cli', 'mignet.ts'));
} else {
  cli = require(compiled);
}
cli.main(process.argv.slice(2)).then(cli.exitAfterOutput, (err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  cli.exitAfterOutput(2);
});
