/**
 * How fast an audit replays histories, measured side by side in one run on the same set:
 *  - mignet: `mignet audit replay <dir> --json` (reading and checking each file, deriving its workflow id, replaying,
 *    progress and report), run in this process;
 *  - bare: the same files read with `historyFromJSON` and fed to a bare `Worker.runReplayHistories` loop.
 * The set is every history under test/fixtures/histories (compressed years: cycles, meetings, rounds, decisions),
 * copied `copies` times, each copy with a run id of its own (the replayer takes one history at a time). Prints events/s of each, medians over the rounds, and their ratio.
 *
 *   npx ts-node --transpile-only bench/replay.ts [copies=8] [rounds=3]
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

import { main } from '../apps/cli/mignet';
import { parseHistoryFile } from '../libs/audit/history-file';
import { LIVE_SINKS } from '../libs/audit/sinks';
import { bundleWorkflows } from '../libs/temporal/workflow-bundle';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'histories');

async function run(): Promise<void> {
  const copies = Number(process.argv[2] ?? 8);
  const rounds = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-replay-'));
  try {
    const files = writeCopies(dir, copies);
    const histories = files
      .map((f) => parseHistoryFile(f, readFileSync(f, 'utf8')))
      .map((p) => {
        if (!p.ok) throw new Error(p.reason);
        return p;
      });
    const events = histories.reduce((n, h) => n + h.events, 0);
    const bundlePath = join(dir, 'bundle.js');
    writeFileSync(bundlePath, await bundleWorkflows());
    console.log(`${histories.length} histories, ${events} events, ${rounds} rounds each, alternating`);

    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    const mignet = async () => {
      const exit = await main(
        ['audit', 'replay', join(dir, 'histories'), '--json', '--bundle', bundlePath],
        sink,
        sink,
      );
      if (exit !== 0) throw new Error(`mignet audit replay exited ${exit}`);
    };
    const bare = async () => {
      const loaded = files.map((f, i) => ({
        workflowId: histories[i].workflowId,
        history: historyFromJSON(JSON.parse(readFileSync(f, 'utf8'))),
      }));
      // The workflows call the audit sink: a bare replay must register it too (the live worker's no-op), or it logs each call.
      for await (const r of Worker.runReplayHistories(
        { workflowBundle: { codePath: bundlePath }, replayName: 'bare', sinks: LIVE_SINKS },
        loaded,
      )) {
        if (r.error) throw r.error;
      }
    };
    const rates: Record<'mignet' | 'bare', number[]> = { mignet: [], bare: [] };
    await bare(); // warm-up: the first worker pays for loading the bundle
    for (let i = 0; i < rounds; i++) {
      for (const [name, fn] of (i % 2 === 0
        ? [
            ['mignet', mignet],
            ['bare', bare],
          ]
        : [
            ['bare', bare],
            ['mignet', mignet],
          ]) as ['mignet' | 'bare', () => Promise<void>][]) {
        const started = performance.now();
        await fn();
        const seconds = (performance.now() - started) / 1000;
        rates[name].push(events / seconds);
        console.log(
          `  ${name.padEnd(6)} ${(events / seconds).toFixed(0).padStart(7)} events/s (${seconds.toFixed(2)} s)`,
        );
      }
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const [m, b] = [median(rates.mignet), median(rates.bare)];
    console.log(
      `median: mignet ${m.toFixed(0)} events/s, bare ${b.toFixed(0)} events/s, ratio ${((m / b) * 100).toFixed(1)}% (target: 80% or more)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every fixture `copies` times, each copy a run of its own (the workflow id stays: task ids derive from it). */
function writeCopies(dir: string, copies: number): string[] {
  const out = join(dir, 'histories');
  mkdirSync(out);
  const written: string[] = [];
  for (const name of readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const original = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as {
      events: { workflowExecutionStartedEventAttributes?: { input?: { payloads?: { data: string }[] } } }[];
    };
    for (let k = 1; k <= copies; k++) {
      const copy = structuredClone(original);
      const started = copy.events[0].workflowExecutionStartedEventAttributes!;
      // The replayer keys its cache by run id: each copy is its own run.
      Object.assign(started, { originalExecutionRunId: randomUUID(), firstExecutionRunId: randomUUID() });
      const file = join(out, `copy${k}.${name}`);
      writeFileSync(file, JSON.stringify(copy));
      written.push(file);
    }
  }
  return written;
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
