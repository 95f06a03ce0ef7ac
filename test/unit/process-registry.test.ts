import type { READ_MODEL_WRITERS, ReadModelWriters } from '../../activities/read-models';
import type { ReadModelWriter } from '../../activities/read-model-writer';
import type { PROCESS_APIS, ProcessApi } from '../../apps/api/process-apis';
import { type ProcessDefinition, readModel } from '../../libs/processes/process-definition';
import {
  PROCESS_NAMES,
  PROCESSES,
  processOfWorkflowType,
  PROJECTED_PROCESSES,
  type ProjectedIn,
} from '../../libs/processes/registry';

/**
 * A process added in this test only (a GCM action plan, say), to show that the compiler holds every registry to the
 * process list: the `@ts-expect-error` lines below must be errors, or `tsc` (the static tier) fails on them.
 */
interface PlanState {
  readonly objectives: readonly number[];
}
type PlanEvent = { readonly type: 'ObjectiveAdded'; readonly at: string; readonly objective: number };
const gcmPlanProcess = {
  workflowType: 'gcmPlanWorkflow',
  workflowId: (i) => (i.network ? `gcm-plan:${String(i.network)}` : undefined),
  audited: true,
  readModel: readModel({
    fold: {
      initial: (): PlanState => ({ objectives: [] }),
      apply: (s: PlanState, e: PlanEvent): PlanState => ({ objectives: [...s.objectives, e.objective] }),
      status: (s: PlanState) => `${s.objectives.length} objectives`,
    },
    projector: 'projectGcmPlan',
    projection: (workflowId: string, _before: PlanState | undefined, now: PlanState) => ({
      workflowId,
      objectives: now.objectives,
    }),
    projects: () => true,
  }),
} as const satisfies ProcessDefinition;
type WithPlan = typeof PROCESSES & { readonly 'gcm-plan': typeof gcmPlanProcess };
type PlanWriter = ReadModelWriter<{ readonly workflowId: string; readonly objectives: readonly number[] }>;

// Type-level checks: compiled by tsc with the rest of the tree, so an unused @ts-expect-error fails the build.
export type TypeChecks = [
  // The new process keeps a read model, so it is one of the projected processes...
  ProjectedIn<WithPlan> extends infer P ? ('gcm-plan' extends P ? true : never) : never,
];
export const planIsProjected: TypeChecks = [true];
// ...and the writers of today's processes are not enough: leaving out its projector fails.
// @ts-expect-error 'gcm-plan' is missing from the writers
export const writersWithoutPlan: ReadModelWriters<WithPlan> = {} as typeof READ_MODEL_WRITERS;
// With a writer of the right projection type, it compiles.
export const writersWithPlan: ReadModelWriters<WithPlan> = {} as typeof READ_MODEL_WRITERS & {
  readonly 'gcm-plan': PlanWriter;
};
// A writer for another projection shape does not.
// @ts-expect-error the writer takes a projection the workflow does not send
export const writerOfWrongShape: ReadModelWriters<WithPlan> = {} as typeof READ_MODEL_WRITERS & {
  readonly 'gcm-plan': ReadModelWriter<{ readonly workflowId: string; readonly tasks: number }>;
};
// Its API is required as well.
// @ts-expect-error 'gcm-plan' has no API entry
export const apisWithoutPlan: Record<keyof WithPlan, ProcessApi> = {} as typeof PROCESS_APIS;
// A definition without its id builder is refused.
// @ts-expect-error workflowId is missing
export const withoutId: ProcessDefinition = { workflowType: 'gcmPlanWorkflow', audited: true };
// A read model's reducer and projection must agree on the state.
export const disagreeing = readModel({
  fold: gcmPlanProcess.readModel.fold,
  projector: 'projectGcmPlan',
  // @ts-expect-error the projection reads a state the reducer does not make
  projection: (workflowId: string, _before: { other: string } | undefined, now: { other: string }) => ({
    workflowId,
    other: now.other,
  }),
  projects: () => true,
});

describe('the process registry', () => {
  it('names each workflow type and each projector once', () => {
    const types = PROCESS_NAMES.map((n) => PROCESSES[n].workflowType);
    expect(new Set(types).size).toBe(types.length);
    const projectors = PROJECTED_PROCESSES.map((n) => PROCESSES[n].readModel.projector);
    expect(new Set(projectors).size).toBe(projectors.length);
    expect(PROJECTED_PROCESSES).toEqual(['annual-cycle', 'decision', 'meeting', 'twg-round']);
  });

  it("finds a history's process by its workflow type, and nothing for another workflow", () => {
    for (const name of PROCESS_NAMES) expect(processOfWorkflowType(PROCESSES[name].workflowType)?.name).toBe(name);
    expect(processOfWorkflowType('someoneElsesWorkflow')).toBeUndefined();
  });

  it("builds each process's workflow id from its input, prefixed with its name", () => {
    const inputs: Partial<Record<(typeof PROCESS_NAMES)[number], Record<string, unknown>>> = {
      'annual-cycle': { network: 'tl', year: 2027 },
      decision: { network: 'tl', id: 'd-1' },
      meeting: { network: 'tl', id: '2027-q1' },
      'twg-round': { network: 'tl', twg: { code: 'TWG-1' }, year: 2027, period: 3 },
      'audit-anchor': { network: 'tl' },
    };
    for (const [name, input] of Object.entries(inputs)) {
      const id = PROCESSES[name as keyof typeof inputs].workflowId(input);
      expect(id).toMatch(new RegExp(`^${name}:tl(:|$)`));
    }
    expect(PROCESSES['annual-cycle'].workflowId({ network: 'tl' })).toBeUndefined(); // no year: unknown, not a wrong id
  });

  it('folds events with the same reducer the workflow uses', () => {
    const fold = PROCESSES['annual-cycle'].readModel.fold;
    const started = fold.initial({ network: 'tl', year: 2027 });
    expect(fold.status(started)).toBe('NOT_STARTED');
    expect(PROCESSES['annual-cycle'].readModel.projects(started)).toBe(false);
  });
});
