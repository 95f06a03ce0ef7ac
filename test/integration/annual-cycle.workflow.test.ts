import { randomBytes } from 'node:crypto';

import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

import { annualCycleReadModel } from '../../activities/annual-cycle/annual-cycle.projector';
import {
  AnnualCycleInput,
  applyAnnualCycleEvent,
  CycleState,
  initialAnnualCycleState,
} from '../../libs/processes/annual-cycle/annual-cycle';
import { compressedCalendar } from '../../libs/domain/calendar';
import { newTask, taskId } from '../../libs/domain/tasks';
import { CycleEntity, TaskEntity } from '../../libs/persistence/entities';
import { completeTaskUpdate } from '../../libs/processes/task-messages';
import { cycleStateQuery } from '../../libs/processes/annual-cycle/messages';
import type { annualCycleWorkflow } from '../../workflows/annual-cycle.workflow';
import { startTestStack, TestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';

describe('annual-cycle workflow (real Temporal and PostgreSQL)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ api: false });
  });
  afterAll(async () => {
    await stack.terminateRunning();
    await stack.close();
  });

  const tasksOf = async (process: string) =>
    (await stack.db.dataSource()).getRepository(TaskEntity).find({ where: { process }, order: { id: 'ASC' } });

  /** A cycle on a compressed calendar; ids and years are unique per test, so tests share one Temporal server. */
  async function startCycle(durationMs: number, extra: Partial<AnnualCycleInput> = {}, offsets = {}) {
    const year = 2200 + Math.floor(Math.random() * 1000); // an id key only: no HTTP validation here
    const workflowId = `annual-cycle:tl:${year}:${randomBytes(4).toString('hex')}`;
    const calendar = compressedCalendar(year, new Date(Date.now() + 300), durationMs, { offsets });
    const handle = await stack.client.workflow.start<typeof annualCycleWorkflow>('annualCycleWorkflow', {
      workflowId,
      taskQueue: stack.config.temporalTaskQueue,
      args: [{ network: 'tl', year, calendar, startedBy: { role: 'coordinator', agency: 'IOM' }, ...extra }],
    });
    return { handle, workflowId, calendar, year };
  }

  it('reminds before the due time and escalates after it, on the calendar’s timers', async () => {
    // Planning due 3.6 s in, consolidation 6 s in; reminders 2 s before (room for a slow timer), escalation 400 ms after.
    const { workflowId, calendar } = await startCycle(24_000, {}, { reminderBeforeMs: 2_000, escalationAfterMs: 400 });
    const reminded = await waitFor(async () => {
      const tasks = await tasksOf(workflowId);
      return tasks.length === 9 && tasks.every((t) => t.remindedAt) ? tasks : undefined;
    }, 'reminders on all nine contribute tasks');
    for (const t of reminded) {
      expect(t.remindedAt!.getTime()).toBeGreaterThanOrEqual(t.remindAt.getTime());
      expect(t.remindedAt!.getTime()).toBeLessThan(t.dueAt.getTime());
      expect(t.remindAt.getTime()).toBe(Date.parse(calendar.deadlines.planningDue) - 2_000);
    }
    // Nobody contributed: at the deadline every task expires as "none", and the coordinator's task opens.
    const consolidate = await waitFor(
      async () => (await tasksOf(workflowId)).find((t) => t.kind === 'consolidate-plan' && t.escalatedAt),
      'escalation of the consolidation task',
      20_000,
    );
    expect(consolidate.dueAt.toISOString()).toBe(calendar.deadlines.consolidationDue);
    expect(consolidate.escalatedAt!.getTime()).toBeGreaterThanOrEqual(consolidate.dueAt.getTime() + 400);
    const contributions = (await tasksOf(workflowId)).filter((t) => t.kind === 'contribute-activities');
    expect(contributions.map((t) => [t.status, t.closedReason])).toEqual(
      Array(9).fill(['expired', 'no contribution (recorded as none)']),
    );
  });

  it('moves on as soon as the answers are in: every member endorsing starts implementation before the deadline', async () => {
    const start = Date.now() + 300;
    const at = (ms: number) => new Date(start + ms).toISOString();
    const year = 3300 + Math.floor(Math.random() * 600);
    const id = `annual-cycle:tl:${year}:${randomBytes(4).toString('hex')}`;
    const cal = {
      ...compressedCalendar(year, new Date(start), 12_000),
      deadlines: {
        planningDue: at(3_000),
        consolidationDue: at(4_000),
        endorsementDue: at(8_000),
        reviewDue: at(40_000),
      },
    };
    const cycle = await stack.client.workflow.start<typeof annualCycleWorkflow>('annualCycleWorkflow', {
      workflowId: id,
      taskQueue: stack.config.temporalTaskQueue,
      args: [{ network: 'tl', year, calendar: cal, startedBy: { role: 'coordinator', agency: 'IOM' } }],
    });
    const answered = new Set<string>();
    /** Answers every open task the moment the workflow shows it, like a client polling tightly. */
    const answerAll = async () => {
      const state = await cycle.query(cycleStateQuery);
      const fresh = Object.values(state.tasks).filter((t) => t.status === 'open' && !answered.has(t.id));
      // All at once, as nine agencies would: some land while the workflow is busy projecting.
      await Promise.all(
        fresh.map(async (t) => {
          answered.add(t.id);
          const by =
            t.assigneeRole === 'coordinator'
              ? { role: 'coordinator' as const, agency: 'IOM' }
              : { role: 'agency' as const, agency: t.assignee };
          const payload =
            t.kind === 'contribute-activities'
              ? { activities: [proposal(t.assignee)] }
              : t.kind === 'consolidate-plan'
                ? { activities: [{ id: 'A1', ...proposal('ILO') }] }
                : t.kind === 'endorse-plan'
                  ? { decision: 'endorse' }
                  : t.kind === 'report-progress'
                    ? { status: 'on-track' }
                    : { summary: 'done' };
          // On a slow machine an answer may come after its deadline: the cycle goes on without it, so may the test.
          await cycle
            .executeUpdate(completeTaskUpdate, { args: [{ taskId: t.id, by, payload }] })
            .catch((err: unknown) => {
              const type = ((err as WorkflowUpdateFailedError).cause as ApplicationFailure | undefined)?.type;
              if (type !== 'TASK_CLOSED' && type !== 'PHASE_CLOSED') throw err;
            });
        }),
      );
      return state;
    };
    const implementation = await waitFor(
      async () => {
        const state = await answerAll();
        return state.phase === 'IMPLEMENTATION' ? state : undefined;
      },
      'implementation',
      20_000,
    );
    // Nobody was silent: the plan was endorsed when the last member answered, not at the round's deadline.
    expect(Date.parse(implementation.phaseEnteredAt!)).toBeLessThan(Date.parse(cal.deadlines.endorsementDue));
    const closed = await waitFor(
      async () => {
        const state = await answerAll();
        return state.phase === 'CLOSED' ? state : undefined;
      },
      'the cycle to close',
      30_000,
    );
    expect(closed.report).toMatchObject({
      summary: 'done',
      activities: [expect.objectContaining({ id: 'A1', status: 'on-track' })],
    });
    expect(await cycle.result()).toBe('CLOSED');
  });

  it('refuses bad completions in the validator with a typed reason, and accepts a good one', async () => {
    const { handle, workflowId } = await startCycle(60_000);
    await waitFor(async () => ((await tasksOf(workflowId)).length === 9 ? true : undefined), 'the contribute tasks');
    const ilo = taskId(workflowId, 'contribute-activities', 'ILO');
    const refusal = async (by: { role: 'agency' | 'coordinator'; agency: string }, payload: unknown) => {
      const err = await handle
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: ilo, by, payload }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
      return { type: cause.type, details: cause.details?.[0] };
    };
    expect((await refusal({ role: 'agency', agency: 'FAO' }, { activities: [] })).type).toBe('NOT_ASSIGNEE');
    expect(
      await refusal({ role: 'agency', agency: 'ILO' }, { activities: [{ ...proposal('ILO'), networkObjective: 12 }] }),
    ).toEqual({
      type: 'INVALID_PAYLOAD',
      details: [{ field: 'activities[0].networkObjective', message: 'must be a Network objective from 1 to 9' }],
    });
    const done = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: ilo, by: { role: 'agency', agency: 'ILO' }, payload: { activities: [proposal('ILO')] } }],
    });
    expect(done).toMatchObject({
      id: ilo,
      status: 'completed',
      submissions: 1,
      completedBy: { role: 'agency', agency: 'ILO' },
    });
    // The projection is written before the Update returns.
    expect((await tasksOf(workflowId)).find((t) => t.id === ilo)).toMatchObject({
      status: 'completed',
      completedBy: 'ILO',
    });
    expect((await handle.query(cycleStateQuery)).contributions.ILO.activities).toHaveLength(1);
  });

  it('continues as new before the history grows large, carrying the state', async () => {
    const { handle, workflowId } = await startCycle(60_000, { maxHistoryEvents: 40 });
    await waitFor(async () => ((await tasksOf(workflowId)).length === 9 ? true : undefined), 'the contribute tasks');
    const firstRun = (await handle.describe()).runId;
    for (const agency of ['ILO', 'UNDP', 'FAO', 'UNICEF', 'UNFPA', 'UNWOMEN']) {
      await handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: taskId(workflowId, 'contribute-activities', agency),
            by: { role: 'agency', agency },
            payload: { activities: [proposal(agency)] },
          },
        ],
      });
    }
    await waitFor(async () => ((await handle.describe()).runId !== firstRun ? true : undefined), 'a continued run');
    const state = await handle.query(cycleStateQuery);
    expect(Object.keys(state.contributions).sort()).toEqual(['FAO', 'ILO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN']);
    expect(state.phase).toBe('PLANNING');
  });

  it('projection is idempotent and never goes back to an older revision', async () => {
    const ds = await stack.db.dataSource();
    const projectCycle = annualCycleReadModel.project({ dataSource: ds });
    const calendar = compressedCalendar(2029, new Date('2029-01-01T00:00:00Z'), 60_000);
    const network = { members: ['ILO'], coordinatorAgency: 'IOM', networkObjectives: 9 };
    const started: CycleState = applyAnnualCycleEvent(initialAnnualCycleState('tl', 2029), {
      type: 'CycleStarted',
      at: calendar.start,
      by: { role: 'coordinator', agency: 'IOM' },
      calendar,
      network,
    });
    const task = newTask({
      kind: 'contribute-activities',
      network: 'tl',
      process: 'p',
      assignee: 'ILO',
      assigneeRole: 'agency',
      subject: ['ILO'],
      openedAt: calendar.start,
      dueAt: calendar.deadlines.planningDue,
      offsets: calendar.offsets,
    });
    const opened = applyAnnualCycleEvent(started, { type: 'TaskOpened', at: calendar.start, task });
    const expired = applyAnnualCycleEvent(opened, {
      type: 'TaskExpired',
      at: calendar.deadlines.planningDue,
      taskId: task.id,
    });
    const project = (s: CycleState) =>
      projectCycle({ workflowId: 'annual-cycle:tl:2029', state: s, tasks: Object.values(s.tasks) });
    await project(opened);
    await project(expired);
    await project(opened); // a late retry of the first call
    expect(await ds.getRepository(CycleEntity).findOneBy({ networkCode: 'tl', year: 2029 })).toMatchObject({
      revision: 3,
    });
    expect(await ds.getRepository(TaskEntity).findOneBy({ id: task.id })).toMatchObject({
      status: 'expired',
      version: 2,
    });
  });
});
