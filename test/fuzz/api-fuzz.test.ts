import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DevServer, startTemporalDevServer } from '../../libs/temporal/dev-server';
import { locateTemporalCli } from '../../libs/temporal/temporal-cli';
import { startTestStack, TestStack } from '../support/test-stack';

const VERSION = '4.32.5';

/** Failed checks in the JUnit reports schemathesis wrote. */
function junitFailures(reportDir: string): number {
  const files = existsSync(reportDir) ? readdirSync(reportDir).filter((f) => f.startsWith('junit-')) : [];
  if (files.length === 0) throw new Error(`schemathesis wrote no JUnit report in ${reportDir}`);
  return files.reduce((n, f) => n + (readFileSync(join(reportDir, f), 'utf8').match(/<failure\b/g) ?? []).length, 0);
}

/** Answers by HTTP status, from the HAR reports schemathesis wrote. */
function statusesIn(reportDir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of existsSync(reportDir) ? readdirSync(reportDir).filter((f) => f.startsWith('har-')) : []) {
    const har = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as {
      log: { entries: { response: { status: number } }[] };
    };
    for (const e of har.log.entries) counts[e.response.status] = (counts[e.response.status] ?? 0) + 1;
  }
  return counts;
}
const ST = join(__dirname, '..', '..', 'tools', 'schemathesis', VERSION, 'bin', 'st');
// MIGNET_FUZZ_SECONDS runs it longer by hand, to look for what a 45 s run finds only now and then.
const SECONDS = Number(process.env.MIGNET_FUZZ_SECONDS ?? 45);
// What the answers are checked for: no 5xx; only documented statuses; the documented content type and body schema.
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

/**
 * schemathesis against the OpenAPI document the API serves, with a coordinator's key and an agency's, each for a
 * bounded time: every answer must be documented, of its documented shape, and none a 5xx. It runs on a Temporal dev
 * server of its own: the cycles and meetings it may start must not meet other test files' workflow ids.
 */
describe('the API under a property-based fuzzer (schemathesis)', () => {
  let temporal: DevServer;
  let stack: TestStack;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(ST))
      throw new Error(
        `schemathesis is not installed at ${ST}: run \`node scripts/install-python-tools.js\` (npm ci runs it)`,
      );
    temporal = await startTemporalDevServer({ cli: locateTemporalCli(), port: 0, namespace: 'default' });
    stack = await startTestStack({ config: { temporalAddress: temporal.address } });
    dir = mkdtempSync(join(tmpdir(), 'mignet-fuzz-'));
    writeFileSync(join(dir, 'schemathesis.toml'), '[parameters]\nnetwork = "tl"\n'); // every other code is one 400
  }, 120_000);
  afterAll(async () => {
    await stack?.terminateRunning();
    await stack?.close();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const fuzz = (who: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const args = [
        '--config-file',
        join(dir, 'schemathesis.toml'),
        'run',
        `${stack.baseUrl}/docs-json`,
        '-H',
        `Authorization: Bearer ${stack.key(who)}`,
        // One worker: hypothesis on CPython 3.11 can trip over itself parsing in threads (an internal error, no finding).
        '--checks',
        CHECKS.join(','),
        '--max-time',
        String(SECONDS),
        '--workers',
        '1',
        '--request-timeout',
        '12',
        '--no-color',
        '--report',
        'har,junit',
        '--report-dir',
        join(dir, who),
      ];
      execFile(
        ST,
        args,
        { cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: (SECONDS + 60) * 1000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}\n${stderr}` }),
      );
    });

  it.each(['coordinator', 'ILO'])(
    'finds nothing with a key of %s: no 5xx, every answer documented and of its schema',
    async (who) => {
      const { code, out } = await fuzz(who);
      const summary = out
        .split('\n')
        .filter((l) => /^\s*\d+ generated|^\s*Seed/.test(l))
        .map((l) => l.trim())
        .join('; ');
      process.stdout.write(
        `[mignet] schemathesis (${who}, ${SECONDS} s): ${summary}; answers by status ${JSON.stringify(statusesIn(join(dir, who)))}\n`,
      );
      // A finding is a failed check (in the JUnit report) or a 5xx (in the HAR); an error of the tool itself is shown.
      const statuses = statusesIn(join(dir, who));
      const failures = junitFailures(join(dir, who));
      if (code !== 0 && failures === 0)
        process.stdout.write(`[mignet] schemathesis ended with code ${code} and no finding:\n${out.slice(-3000)}\n`);
      expect({
        failures,
        serverErrors: Object.entries(statuses).filter(([s]) => Number(s) >= 500),
        // The findings first: CI shows the start of a long diff.
        report: failures === 0 ? '' : out.slice(Math.max(0, out.indexOf('FAILURES')), out.indexOf('FAILURES') + 6000),
      }).toEqual({ failures: 0, serverErrors: [], report: '' });
      // It did run: hundreds of requests on a quiet machine, fewer on a loaded one, never a handful.
      expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    },
    (SECONDS + 90) * 1000,
  );
});
