import { annualCycleProcess } from './annual-cycle/definition';
import { auditAnchorProcess } from './audit-anchor/definition';
import { auditReplayProcess } from './audit-replay/definition';
import { decisionProcess } from './decision/definition';
import { meetingProcess } from './meeting/definition';
import type { ProcessDefinition } from './process-definition';
import { scheduledCycleStartProcess } from './scheduled-cycle-start/definition';
import { twgRoundProcess } from './twg-round/definition';

/**
 * Every process type mignet runs, by the name it has everywhere: its folder on each side, its MignetProcess search
 * attribute, the auditors' `process` filter. The one list of them: the workflow bundle, the activities, the audit
 * side and the API read it, and each Node-side registry is typed by it, so a part left out fails `tsc`.
 */
export const PROCESSES = {
  'annual-cycle': annualCycleProcess,
  decision: decisionProcess,
  meeting: meetingProcess,
  'twg-round': twgRoundProcess,
  'scheduled-cycle-start': scheduledCycleStartProcess,
  'audit-replay': auditReplayProcess,
  'audit-anchor': auditAnchorProcess,
} as const satisfies Record<string, ProcessDefinition>;

export type ProcessName = keyof typeof PROCESSES;
export type WorkflowType = (typeof PROCESSES)[ProcessName]['workflowType'];

/** The processes of a registry `R` that keep a read model: each has a projector, rows a rebuild clears, a history an auditor lists. */
export type ProjectedIn<R> = { [K in keyof R]: R[K] extends { readonly readModel: object } ? K : never }[keyof R];
/** What process `K` of registry `R` sends its projector. */
export type ProjectionIn<R, K extends keyof R> = R[K] extends {
  readonly readModel: { projection(...args: never[]): infer P };
}
  ? P
  : never;

export type ProjectedProcess = ProjectedIn<typeof PROCESSES>;
export type ReadModelOf<K extends ProjectedProcess> = (typeof PROCESSES)[K]['readModel'];
export type ProjectorName = ReadModelOf<ProjectedProcess>['projector'];
export type ProjectionOf<K extends ProjectedProcess> = ProjectionIn<typeof PROCESSES, K>;

export const PROCESS_NAMES = Object.keys(PROCESSES) as ProcessName[];
export const PROJECTED_PROCESSES = PROCESS_NAMES.filter((n): n is ProjectedProcess => 'readModel' in PROCESSES[n]);

/** The definition a history's workflow type belongs to, if it is one of mignet's. */
export function processOfWorkflowType(
  workflowType: string,
): { readonly name: ProcessName; readonly definition: ProcessDefinition } | undefined {
  const name = PROCESS_NAMES.find((n) => PROCESSES[n].workflowType === workflowType);
  return name === undefined ? undefined : { name, definition: PROCESSES[name] };
}

/** The process of a workflow type that keeps a read model, if it is one. */
export function projectedProcessOf(workflowType: string): ProjectedProcess | undefined {
  const name = processOfWorkflowType(workflowType)?.name;
  return PROJECTED_PROCESSES.find((n) => n === name);
}
