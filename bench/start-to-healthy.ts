/**
 * How long `npm start` takes until GET /health is green: three cold starts (an empty data directory: initdb,
 * migrations, seed) and three warm ones (the same directory again), each in a fresh process, on free ports so a
 * running `npm start` is not disturbed. Prints each run and the medians. Also checks that SIGINT (Ctrl-C) stops
 * everything that was started: nothing may still listen on the run's ports afterwards.
 *
 *   npx ts-node --transpile-only bench/start-to-healthy.ts [runs=3]
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../test/support/free-port';

const ROOT = join(__dirname, '..');

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

async function once(dataDir: string): Promise<{ ms: number; leftListening: number[] }> {
  const ports = {
    PORT: await freePort(),
    MIGNET_POSTGRES_PORT: await freePort(),
    MIGNET_TEMPORAL_PORT: await freePort(),
    MIGNET_TEMPORAL_UI_PORT: await freePort(),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MIGNET_DATA_DIR: dataDir,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  const started = performance.now();
  // A process group of its own, like a terminal's: Ctrl-C reaches npm, node and the servers they started.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: 'ignore', detached: true });
  const deadline = Date.now() + 120_000;
  while (!(await healthy(ports.PORT))) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before /health was green`);
    if (Date.now() > deadline) throw new Error('npm start not healthy within 120 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - started;
  process.kill(-child.pid!, 'SIGINT');
  await exited(child);
  const leftListening: number[] = [];
  for (const port of Object.values(ports)) if (await listening(port)) leftListening.push(port);
  return { ms, leftListening };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach its data directory
    try {
      for (const [label, list] of [
        ['cold', cold],
        ['warm', warm],
      ] as const) {
        const { ms, leftListening } = await once(dir);
        list.push(ms);
        console.log(
          `run ${i + 1} ${label}: healthy after ${Math.round(ms)} ms${leftListening.length ? `; STILL LISTENING after Ctrl-C: ${leftListening.join(', ')}` : ''}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `median cold start (empty data dir) until /health is green: ${Math.round(median(cold))} ms over ${runs} runs`,
  );
  console.log(
    `median warm start (existing data dir) until /health is green: ${Math.round(median(warm))} ms over ${runs} runs`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
