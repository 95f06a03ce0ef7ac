import type { Sinks } from '@temporalio/workflow';

/**
 * Every domain event a process folds into its state, told to the worker as it happens. A live worker ignores it; the
 * audit replayer (libs/audit/timeline.ts) listens during replay and so reads the events straight from the code that
 * produced them, with the history event at which each happened. A sink call is not a command: adding one changes no
 * history.
 */
export interface AuditSinks extends Sinks {
  audit: {
    recorded(event: { readonly type: string; readonly at: string }): void;
    /**
     * The process sent its projector what changed since the last projection: the rebuild of the read models projects
     * at the same moments, so that its rows are the live ones exactly (several activations may share a projection).
     */
    projected(): void;
  };
}
