import type { DataSource, EntityManager } from 'typeorm';

/** Which rows a rebuild is about to refill: those the workflows named wrote in the network. */
export interface ClearScope {
  readonly network: string;
  readonly workflowIds: readonly string[];
  /**
   * False for one year's rebuild: rows that a later year's process may have changed too (impediment statuses,
   * carried action items) are kept, and upserted instead.
   */
  readonly wholeNetwork: boolean;
}

/**
 * The Node side of a read model (its sandbox-safe side is the process's definition in libs/processes): the projector
 * activity that writes what a step changed, idempotent and monotonic by revision, and the rows a rebuild clears
 * before it replays the histories (its tasks are cleared for every process alike).
 */
export interface ReadModelWriter<P> {
  readonly project: (deps: { readonly dataSource: DataSource }) => (projection: P) => Promise<void>;
  readonly clear: (tx: EntityManager, scope: ClearScope) => Promise<void>;
}
