import { EXPIRY_MEANING, REASSIGNABLE, RESUBMITTABLE, TASK_KINDS, type TaskKind } from '../domain/tasks';
import { ANNUAL_CYCLE_ANSWERS } from './annual-cycle/answers';
import { DECISION_ANSWERS } from './decision/answers';
import { MEETING_ANSWERS } from './meeting/answers';
import type { ProcessName } from './registry';
import type { TaskAnswer } from './task-answer';
import { TWG_ROUND_ANSWERS } from './twg-round/answers';

/**
 * Every task kind with the process that owns it and its answer: what `GET /networks/{n}/task-kinds`, the OpenAPI
 * document's completion body and the web forms read. A kind without an answer, or with two, fails at load.
 */
const BY_PROCESS = {
  'annual-cycle': ANNUAL_CYCLE_ANSWERS,
  decision: DECISION_ANSWERS,
  meeting: MEETING_ANSWERS,
  'twg-round': TWG_ROUND_ANSWERS,
} satisfies Partial<Record<ProcessName, Partial<Record<TaskKind, TaskAnswer>>>>;

export interface TaskKindDefinition {
  readonly kind: TaskKind;
  readonly process: keyof typeof BY_PROCESS;
  readonly answer: TaskAnswer;
  /** The coordinator may give it to another member agency. */
  readonly reassignable: boolean;
  /** The assignee may answer again until the deadline, replacing the earlier answer. */
  readonly resubmittable: boolean;
  /** What silence means when it expires; null for a kind that stays open until done. */
  readonly silenceMeans: string | null;
}

export const TASK_KIND_DEFINITIONS: readonly TaskKindDefinition[] = TASK_KINDS.map((kind) => {
  const owners = Object.entries(BY_PROCESS).filter(([, answers]) => kind in answers);
  if (owners.length !== 1) throw new Error(`task kind ${kind} has ${owners.length} answers, not one`);
  const [process, answers] = owners[0] as [keyof typeof BY_PROCESS, Partial<Record<TaskKind, TaskAnswer>>];
  return {
    kind,
    process,
    answer: answers[kind]!,
    reassignable: REASSIGNABLE.includes(kind),
    resubmittable: RESUBMITTABLE.includes(kind),
    silenceMeans: EXPIRY_MEANING[kind] ?? null,
  };
});
