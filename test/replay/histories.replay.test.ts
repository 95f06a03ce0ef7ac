import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, ReplayResult, Worker } from '@temporalio/worker';

import { LIVE_SINKS } from '../../libs/audit/sinks';
import { testEnv } from '../support/test-env';

const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');

/**
 * Every recorded history, as `temporal workflow show --output json` wrote it. A file is named after its workflow id
 * with `:` written as `_`, then a description: `annual-cycle_tl_2044.whole-year.json` is `annual-cycle:tl:2044`.
 * The id matters: task ids are derived from it.
 */
function recordedHistories() {
  return readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      workflowId: file.split('.')[0].replace(/_/g, ':'),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'))),
    }));
}

async function replayAll(
  workflowBundle: { code: string } | { codePath: string },
  only = (_workflowId: string) => true,
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const histories = recordedHistories().filter((h) => only(h.workflowId));
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, replayName: 'fixtures', sinks: LIVE_SINKS },
    histories,
  ))
    results.push(result);
  return results;
}

/**
 * Replays every history under test/fixtures/histories against the current workflow code: a change that would break
 * running cycles fails the build (DESIGN, "Event sourcing and audit"; use patched() to change code safely).
 */
describe('recorded histories replay against the current workflow code', () => {
  it('has histories to replay', () => {
    expect(recordedHistories().map((h) => h.workflowId)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^annual-cycle:tl:\d{4}$/),
        expect.stringMatching(/^decision:tl:/),
        expect.stringMatching(/^twg-round:tl:/),
      ]),
    );
    expect(recordedHistories().length).toBeGreaterThanOrEqual(3);
  });

  it('replays every history without non-determinism', async () => {
    const results = await replayAll({ codePath: testEnv().workflowBundlePath });
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
      recordedHistories().map((h) => ({ workflowId: h.workflowId, error: undefined })),
    );
  });

  it('fails when the workflow code changes behaviour', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./changed-workflows'),
      logger: new DefaultLogger('ERROR'),
    });
    const results = await replayAll({ code }, (id) => id.startsWith('annual-cycle:')); // the changed copy is of that workflow
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.error?.name).toBe('DeterminismViolationError');
  });
});
