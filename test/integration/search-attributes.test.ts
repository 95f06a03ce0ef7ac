import { randomBytes } from 'node:crypto';

import { Connection } from '@temporalio/client';
import Long from 'long';

import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';

describe('ensureSearchAttributes (real Temporal)', () => {
  it('registers the missing attributes in a namespace once, then finds them there', async () => {
    const { temporalAddress } = testEnv();
    const namespace = `sa-${randomBytes(4).toString('hex')}`;
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) },
      });
      await waitFor(
        async () => (await connection.workflowService.describeNamespace({ namespace })) ?? undefined,
        'the new namespace to be visible',
      );
      expect((await ensureSearchAttributes({ address: temporalAddress }, namespace)).sort()).toEqual([
        'MignetNetwork',
        'MignetProcess',
        'MignetYear',
      ]);
      expect(await ensureSearchAttributes({ address: temporalAddress }, namespace)).toEqual([]);
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(customAttributes ?? {})).toEqual(
        expect.arrayContaining(['MignetNetwork', 'MignetProcess', 'MignetYear']),
      );
    } finally {
      await connection.close();
    }
  });
});
