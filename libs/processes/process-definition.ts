/**
 * What one process type is to the rest of mignet, in the sandbox-safe part every side can import (the workflows too):
 * its workflow type, how its id follows from its input, and, for a process that keeps a read model, the reducer the
 * audit side folds its events with and the projection its workflow sends. The Node parts (the projector's SQL, the
 * API) have their own registries keyed by the same names: activities/read-models.ts and apps/api/process-apis.ts.
 */
export interface ProcessDefinition {
  /** The workflow function's name: the bundle's export and every history's workflow type. Never renamed. */
  readonly workflowType: string;
  /** The workflow id its input implies (ids are business keys, STYLE 6); undefined where the input does not say it. */
  readonly workflowId: (input: Record<string, unknown>) => string | undefined;
  /** False for a process whose history is no record of the network's work (a replay job): exports and timelines skip it. */
  readonly audited: boolean;
  /** Absent for a process with no domain events and no rows of its own (a schedule's start, a replay job, the anchor). */
  readonly readModel?: ReadModelDefinition<unknown, unknown, string, { readonly workflowId: string }>;
}

/**
 * How a process's events fold into its state, as the workflow folds them: the audit side rebuilds states with it.
 * (Methods, so that a fold of one state type is also a fold of `unknown` for the consumers that fold any process.)
 */
export interface ProcessFold<S, E> {
  /** The state a run starts from, given its input (a run continued as new starts where the previous one stopped). */
  initial(input: Record<string, unknown>): S;
  apply(state: S, event: E): S;
  /** The phase or status a person reads. */
  status(state: S): string;
}

export interface ReadModelDefinition<S, E, N extends string, P extends { readonly workflowId: string }> {
  readonly fold: ProcessFold<S, E>;
  /** The projection activity's name (in every history that scheduled it: never renamed). */
  readonly projector: N;
  /** What the workflow sends its projector after a step; a rebuild from the history sends the same. */
  projection(workflowId: string, before: S | undefined, now: S): P;
  /** Whether a state is projected at all (a cycle not yet started is not). */
  projects(state: S): boolean;
}

/** Infers a read model's types from its reducer and projection functions, which must agree on the state. */
export function readModel<S, E, const N extends string, P extends { readonly workflowId: string }>(
  r: ReadModelDefinition<S, E, N, P>,
): ReadModelDefinition<S, E, N, P> {
  return r;
}
