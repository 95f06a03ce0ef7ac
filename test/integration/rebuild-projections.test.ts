import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Client } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';

import { rebuildProjections } from '../../activities/rebuild-projections';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testEnv } from '../support/test-env';

const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');

/**
 * The rebuild over recorded histories, on a real database: Temporal's side is a stand-in that lists the histories
 * given and serves them (what visibility and fetchHistory would), so the test sees exactly the processes it names.
 */
function recordedTemporal(files: Record<string, string>): Client {
  const history = (id: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, files[id]), 'utf8')));
  return {
    workflow: {
      list: async function* () {
        for (const workflowId of Object.keys(files)) yield { workflowId };
      },
      getHandle: (workflowId: string) => ({ fetchHistory: async () => history(workflowId) }),
    },
  } as unknown as Client;
}

describe('rebuilding the read models from recorded histories (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("skips the anchor's history, which keeps no read model (a whole-network rebuild lists it), and rebuilds the rest", async () => {
    const ds = await db.dataSource();
    const decision = 'decision:tl:20261128-20619d';
    const client = recordedTemporal({
      'audit-anchor:tl': 'audit-anchor_tl.integrity-test.json',
      [decision]: 'decision_tl_20261128-20619d.objected-revised-adopted.json',
    });
    const result = await rebuildProjections(
      { dataSource: ds, client, bundle: { codePath: testEnv().workflowBundlePath } },
      { network: 'tl' },
    );
    expect(result.workflows).toBe(1); // the decision; the anchor has no domain events to fold (this threw before)
    expect(result.steps).toBeGreaterThan(0);
    const [row] = (await ds.query(`SELECT workflow_id, status FROM decisions WHERE network_code = 'tl'`)) as {
      workflow_id: string;
      status: string;
    }[];
    expect(row).toEqual({ workflow_id: decision, status: 'ADOPTED' });
  });
});
