import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

import { bin, mignet } from '../support/cli';
import { testEnv } from '../support/test-env';

const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');

describe('mignet audit replay (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mignet-audit-'));
    copyFileSync(join(HISTORIES, 'annual-cycle_tl_2028.foundation-slice.json'), join(dir, 'exported-by-the-cli.json')); // no id in the name
    copyFileSync(
      join(HISTORIES, 'decision_tl_20261128-20619d.objected-revised-adopted.json'),
      join(dir, 'decision.json'),
    );
    writeFileSync(join(dir, 'notes.json'), '{"not": "a history"');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    const foreign = JSON.parse(readFileSync(join(HISTORIES, 'annual-cycle_tl_2028.foundation-slice.json'), 'utf8'));
    foreign.events[0].workflowExecutionStartedEventAttributes.workflowType.name = 'paymentWorkflow';
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify(foreign));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays every recorded fixture cleanly, with the workflow ids taken from their inputs', async () => {
    const { code, out } = await mignet(
      'audit',
      'replay',
      HISTORIES,
      '--json',
      '--bundle',
      testEnv().workflowBundlePath,
    );
    const report = JSON.parse(out) as { replayed: { workflowId: string; ok: boolean }[]; rejectedFiles: unknown[] };
    expect(code).toBe(0);
    expect(report.rejectedFiles).toEqual([]);
    expect(report.replayed.length).toBeGreaterThanOrEqual(30);
    expect(report.replayed.filter((r) => !r.ok)).toEqual([]);
    expect(report.replayed.map((r) => r.workflowId)).toEqual(
      expect.arrayContaining(['annual-cycle:tl:2042', 'meeting:tl:2097-Q1', 'twg-round:tl:diaspora:2097-P3']),
    );
  });

  it('gives each bad file a one-line reason, still checks the others, and exits 1', async () => {
    const { code, out, err } = await mignet(
      'audit',
      'replay',
      dir,
      join(dir, 'missing.json'),
      '--bundle',
      testEnv().workflowBundlePath,
    );
    expect(code).toBe(1);
    const reasons = err.split('\n').filter((l) => l.startsWith(dir));
    expect(reasons).toEqual([
      expect.stringMatching(/foreign\.json: a paymentWorkflow workflow, not one of mignet's/),
      expect.stringMatching(/notes\.json: not JSON/),
      expect.stringMatching(/other\.json: not a workflow history: no "events" list/),
      expect.stringMatching(/missing\.json: unreadable \(ENOENT\)/),
    ]);
    expect(out).toMatch(/^ok\s+\d+\s+annual-cycle:tl:2028\s*$/m);
    expect(out).toMatch(/^ok\s+\d+\s+decision:tl:20261128-20619d\s*$/m);
    expect(out).toMatch(/2 replayed cleanly, 0 did not, 4 file\(s\) not a mignet history/);
  });

  it('prints a timeline and a state as of an event, from the workflow code and its reducers', async () => {
    const file = join(HISTORIES, 'decision_tl_20261128-20619d.objected-revised-adopted.json');
    const bundle = testEnv().workflowBundlePath;
    const t = await mignet('audit', 'timeline', file, '--json', '--bundle', bundle);
    expect(t.code).toBe(0);
    const entries = JSON.parse(t.out) as {
      eventId: number;
      type: string;
      agency: string | null;
      role: string | null;
      keyId: string | null;
      what: string;
      statusAfter: string;
    }[];
    const objected = entries.find((e) => e.type === 'DecisionObjected')!;
    expect(objected.statusAfter).toBe('OBJECTED');
    expect(entries.find((e) => e.type === 'TaskCompleted')).toMatchObject({
      agency: 'FAO',
      statusAfter: 'CIRCULATING',
    }); // FAO's objection
    // An answer says what it was, and a revision who circulated it (the timeline showed neither).
    expect(entries.find((e) => e.type === 'TaskCompleted')!.what).toMatch(/completed: object "[^"]+"/);
    expect(entries.filter((e) => e.type === 'DecisionCirculated').map((e) => [e.agency, e.role])).toEqual([
      [null, null], // the first round: its proposer is the start's
      ['IOM', 'coordinator'], // (recorded before commands carried their key id: no key here)
    ]);
    expect(entries[entries.length - 1]).toMatchObject({ type: 'DecisionEffectApplied', statusAfter: 'ADOPTED' });

    const s = await mignet('audit', 'state', file, '--event', String(objected.eventId), '--bundle', bundle);
    expect(s.code).toBe(0);
    expect((JSON.parse(s.out) as { state: { status: string; round: number } }).state).toMatchObject({
      status: 'OBJECTED',
      round: 1,
    });
    expect((await mignet('audit', 'state', file, '--bundle', bundle)).code).toBe(2); // neither --at nor --event
    expect((await mignet('audit', 'timeline', join(dir, 'notes.json'))).err).toMatch(/notes\.json: not JSON/);
    // A typo or a flag without its value is refused before anything runs.
    expect(await mignet('projections', 'rebuild', '--netwrok', 'tl')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown option --netwrok'),
    });
    expect(await mignet('projections', 'rebuild', '--network')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--network needs a value'),
    });
  });

  it('names the first event that code changed since no longer explains', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../replay/changed-workflows'),
      logger: new DefaultLogger('ERROR'),
    });
    const bundle = join(dir, 'changed-bundle.js');
    writeFileSync(bundle, code);
    const { code: exit, out } = await mignet(
      'audit',
      'replay',
      join(HISTORIES, 'annual-cycle_tl_2028.foundation-slice.json'),
      join(HISTORIES, 'annual-cycle_tl_2042.whole-year.json'),
      '--json',
      '--bundle',
      bundle,
    );
    expect(exit).toBe(1);
    const { replayed } = JSON.parse(out) as {
      replayed: { workflowId: string; ok: boolean; divergedAt: number | null; error: string }[];
    };
    // The changed copy starts a timer where the recorded code first scheduled its projection (event 5), or, for the
    // phased cycle, where it recorded its patch marker (event 5 too): both histories begin with one workflow task.
    expect(replayed.map((r) => [r.workflowId, r.ok, r.divergedAt])).toEqual([
      ['annual-cycle:tl:2028', false, 5],
      ['annual-cycle:tl:2042', false, 5],
    ]);
    expect(replayed[0].error).toMatch(/^DeterminismViolationError/);
  });

  it('names the event that scheduled an activity under a name the code no longer uses (it said "?")', async () => {
    const history = JSON.parse(
      readFileSync(join(HISTORIES, 'decision_tl_20261128-20619d.objected-revised-adopted.json'), 'utf8'),
    ) as { events: { eventId: string; activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[] };
    const scheduled = history.events.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType.name === 'loadNetwork',
    )!;
    scheduled.activityTaskScheduledEventAttributes!.activityType.name = 'loadNetworkAsItWasCalled';
    const file = join(dir, 'decision_tl_20261128-20619d.renamed-activity.json');
    writeFileSync(file, JSON.stringify(history));
    const { code, out } = await mignet('audit', 'replay', file, '--json', '--bundle', testEnv().workflowBundlePath);
    expect(code).toBe(1);
    const [replayed] = (JSON.parse(out) as { replayed: { ok: boolean; divergedAt: number | null }[] }).replayed;
    expect(replayed).toMatchObject({ ok: false, divergedAt: Number(scheduled.eventId) });
  });

  it('writes a whole large answer to a pipe before it exits (it lost it all), and answers --help and --version', async () => {
    const file = join(HISTORIES, 'annual-cycle_tl_2097.network-year.json');
    const args = ['audit', 'state', file, '--event', '100000', '--bundle', testEnv().workflowBundlePath];
    const inProcess = await mignet(...args);
    expect(inProcess.out.length).toBeGreaterThan(65_536);
    const piped = await bin(...args);
    expect({ code: piped.code, length: piped.out.length }).toEqual({ code: 0, length: inProcess.out.length });
    expect(piped.out).toBe(inProcess.out);
    for (const flag of ['--help', '-h'])
      expect(await bin('audit', 'replay', flag)).toMatchObject({
        code: 0,
        out: expect.stringContaining('mignet audit replay <file|dir>'),
      });
    expect(await bin('--version')).toMatchObject({ code: 0, out: expect.stringMatching(/^mignet \d+\.\d+\.\d+\n$/) });
    expect(await bin('audit', 'replay', '--nope')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown option --nope'),
    });
  }, 60_000);
});
