import { randomBytes } from 'node:crypto';

import { compressedCalendar } from '../../libs/domain/calendar';
import type { AnnualCycleInput, CycleState } from '../../libs/domain/annual-cycle';
import { CycleEntity } from '../../libs/persistence/entities';
import { createCycleProjectionActivities } from '../../activities/cycle-projection.activities';
import { cycleStateQuery } from '../../workflows/annual-cycle.messages';
import type { annualCycleWorkflow } from '../../workflows/annual-cycle.workflow';
import { startTestStack, TestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

describe('annual-cycle workflow (real Temporal and PostgreSQL)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ api: false });
  });
  afterAll(() => stack.close());

  const cycleRow = async (year: number) => (await stack.db.dataSource()).getRepository(CycleEntity).findOneBy({ networkCode: 'tl', year });

  it('projects PLANNING at start, answers its state query, and closes at the calendar end', async () => {
    const year = 2030 + Math.floor(Math.random() * 60);
    const workflowId = `annual-cycle:tl:${year}:${randomBytes(4).toString('hex')}`;
    const calendar = compressedCalendar(year, new Date(Date.now() + 2_000), 2_000);
    const input: AnnualCycleInput = { network: 'tl', year, calendar, startedBy: { role: 'coordinator', agency: 'IOM' } };
    const handle = await stack.client.workflow.start<typeof annualCycleWorkflow>('annualCycleWorkflow', {
      workflowId,
      taskQueue: stack.config.temporalTaskQueue,
      args: [input],
    });

    const planning = await waitFor(async () => (await cycleRow(year)) ?? undefined, 'the PLANNING projection');
    expect(planning).toMatchObject({ workflowId, phase: 'PLANNING', startedBy: 'IOM', revision: 1, closedAt: null });
    expect(planning.calendar).toEqual(calendar);
    const queried = await handle.query(cycleStateQuery);
    expect(queried).toMatchObject({ phase: 'PLANNING', network: 'tl', year });

    const result: CycleState = await handle.result();
    expect(result.phase).toBe('CLOSED');
    expect(Date.parse(result.closedAt!)).toBeGreaterThanOrEqual(Date.parse(calendar.end));
    expect(await cycleRow(year)).toMatchObject({ phase: 'CLOSED', revision: 2 });
  });

  it('projection is idempotent and never goes back to an older revision', async () => {
    const ds = await stack.db.dataSource();
    const { projectCycle } = createCycleProjectionActivities({ cycles: ds.getRepository(CycleEntity) });
    const calendar = compressedCalendar(2029, new Date('2029-01-01T00:00:00Z'), 60_000);
    const base: CycleState = {
      network: 'tl',
      year: 2029,
      phase: 'PLANNING',
      calendar,
      startedBy: { role: 'coordinator', agency: 'IOM' },
      startedAt: '2029-01-01T00:00:00.000Z',
      revision: 1,
    };
    const closed: CycleState = { ...base, phase: 'CLOSED', closedAt: '2029-01-01T00:01:00.000Z', revision: 2 };
    await projectCycle({ workflowId: 'annual-cycle:tl:2029', state: base });
    await projectCycle({ workflowId: 'annual-cycle:tl:2029', state: closed });
    await projectCycle({ workflowId: 'annual-cycle:tl:2029', state: base }); // a late retry of the first call
    await projectCycle({ workflowId: 'annual-cycle:tl:2029', state: closed });
    expect(await ds.getRepository(CycleEntity).countBy({ networkCode: 'tl', year: 2029 })).toBe(1);
    expect(await cycleRow(2029)).toMatchObject({ phase: 'CLOSED', revision: 2 });
  });
});
