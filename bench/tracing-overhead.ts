/**
 * What tracing costs a task completion, side by side in one run on the same dev server and PostgreSQL: mignet with
 * the workflow bundle as built (the OpenTelemetry workflow interceptors in it) next to the same code bundled without
 * them (what every completion cost before tracing existed), measured in alternating rounds:
 *  1. untraced (no OTLP endpoint: the product's default): what having the interceptors costs when nobody collects;
 *  2. traced (a tracer installed, spans batched to an exporter that counts them and drops them, so no network is
 *     measured): the bundle with interceptors emits the workflow's spans too, the other only the API's and the
 *     activities'.
 * Serial and concurrent figures for each as bench/production-latency.ts prints them, and the ratios.
 *
 *   npx ts-node --transpile-only bench/tracing-overhead.ts [serial=100] [perAgency=10] [rounds=3]
 */
import 'reflect-metadata';

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { DefaultLogger, Runtime } from '@temporalio/worker';

import { installTracing } from '../libs/observability/tracing';
import { startEmbeddedPostgres } from '../libs/runtime/embedded-postgres';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { bundleWorkflows } from '../libs/temporal/workflow-bundle';
import { freePort } from '../test/support/free-port';
import { describeTarget, measure, ratios, target, type Target } from './completion-targets';

/** Counts what it is given and keeps nothing: the SDK's whole cost of making and batching spans, no I/O. */
class CountingExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.spans += spans.length;
    done({ code: 0 }); // SUCCESS
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

async function main(): Promise<void> {
  const [serial, perAgency, rounds] = [100, 10, 3].map((d, i) => Number(process.argv[2 + i] ?? d));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'mignet-bench-tracing-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'postgres' });
  const dev = await startTemporalDevServer({ port: 0, namespace: 'default' });
  const bundles = {
    with: join(dir, 'with-interceptors.js'),
    without: join(dir, 'without-interceptors.js'),
  };
  writeFileSync(bundles.with, await bundleWorkflows());
  writeFileSync(bundles.without, await bundleWorkflows([]));
  const targets: Target[] = [];
  const run = async (phase: string) => {
    const [a, b] = [
      await target(
        `${phase}, without interceptors`,
        dev.address,
        pg.urlFor.bind(pg),
        bundles.without,
        dir,
        targets.length,
        2080 + targets.length,
      ),
      await target(
        `${phase}, with interceptors`,
        dev.address,
        pg.urlFor.bind(pg),
        bundles.with,
        dir,
        targets.length + 1,
        2081 + targets.length,
      ),
    ];
    targets.push(a, b);
    for (let round = 0; round < rounds; round++)
      for (const t of round % 2 === 0 ? [a, b] : [b, a]) await measure(t, serial, perAgency);
    return [a, b] as const;
  };
  try {
    const untraced = await run('untraced');
    const exporter = new CountingExporter();
    installTracing('mignet-bench', {}, { processor: new BatchSpanProcessor(exporter), destination: 'a counter' });
    const traced = await run('traced');
    console.log(`${rounds} rounds, alternating; serial ${serial} a round, concurrent ${perAgency} per agency a round`);
    for (const t of targets) console.log(describeTarget(t));
    console.log(`ratio with / without interceptors, untraced: ${ratios(...untraced)}`);
    console.log(`ratio with / without interceptors, traced:   ${ratios(...traced)}`);
    console.log(`ratio traced / untraced, with interceptors:  ${ratios(untraced[1], traced[1])}`);
    console.log(`${exporter.spans} spans exported while traced`);
  } finally {
    for (const t of targets) await t.close().catch(() => undefined);
    await dev.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
