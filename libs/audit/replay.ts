import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';

import type { ParsedHistory } from './history-file';
import { LIVE_SINKS } from './sinks';

export interface ReplayOutcome {
  readonly file: string;
  readonly workflowId: string;
  readonly workflowType: string;
  readonly events: number;
  readonly ok: boolean;
  /** For a non-determinism: the id of the first history event the current code does not explain. */
  readonly divergedAt: number | null;
  readonly error: string | null;
}

export type WorkflowBundle = { readonly code: string } | { readonly codePath: string };

/**
 * Replays histories against the workflow code in `bundle` (the code deployed), one worker for all of them, and says
 * for each whether the code still explains it or where it first diverges.
 */
export async function replayHistories(
  histories: readonly Extract<ParsedHistory, { ok: true }>[],
  bundle: WorkflowBundle,
  onResult: (outcome: ReplayOutcome, done: number) => void = () => undefined,
): Promise<ReplayOutcome[]> {
  quietRuntime();
  const outcomes: ReplayOutcome[] = [];
  const source = histories.map((h) => ({ workflowId: h.workflowId, history: h.history }));
  // The replayer takes one history at a time and answers in the same order (the same file may be given twice).
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'mignet-audit', sinks: LIVE_SINKS },
    source,
  )) {
    const h = histories[outcomes.length];
    if (h.workflowId !== result.workflowId)
      throw new Error(`replay answered for ${result.workflowId}, expected ${h.workflowId}`);
    const message = result.error ? result.error.message : null;
    const outcome: ReplayOutcome = {
      file: h.file,
      workflowId: h.workflowId,
      workflowType: h.workflowType,
      events: h.events,
      ok: result.error === undefined,
      divergedAt: message ? divergence(message, h.history) : null,
      error: message ? `${result.error!.name}: ${message.split('\n')[0]}` : null,
    };
    outcomes.push(outcome);
    onResult(outcome, outcomes.length);
  }
  return outcomes;
}

/**
 * The first event the code does not explain. The core names it (`… HistoryEvent(id: 5, ActivityTaskScheduled)`); or
 * names an activity type the code no longer schedules, then it is the first event that scheduled it; or, for a patch
 * the code no longer asks about, names the change: then it is that change's marker event.
 */
export function divergence(message: string, history?: Extract<ParsedHistory, { ok: true }>['history']): number | null {
  const m = /HistoryEvent\(id: (\d+)/.exec(message);
  if (m) return Number(m[1]);
  // An activity scheduled under another name than the code's (renamed since): the first event scheduling that name.
  const renamed = /Activity type of scheduled event '([^']+)'/.exec(message)?.[1];
  if (renamed) {
    const scheduled = history?.events?.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === renamed,
    );
    return scheduled?.eventId ? Number(scheduled.eventId.toString()) : null;
  }
  const change = /marker encountered for change ([\w.-]+)/.exec(message)?.[1];
  const marker = change
    ? history?.events?.find(
        (e) =>
          e.markerRecordedEventAttributes &&
          JSON.stringify(decodeData(e.markerRecordedEventAttributes.details)).includes(change),
      )
    : undefined;
  return marker?.eventId ? Number(marker.eventId.toString()) : null;
}

/** A marker's payloads with their bytes as text, to find the change it records. */
function decodeData(details: unknown): unknown {
  // `this[key]` is the value before toJSON (a Buffer would already have become {type, data}).
  return JSON.parse(
    JSON.stringify(details ?? {}, function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      return raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : v;
    }),
  );
}

let installed = false;
/** The SDK's replay worker (and its core) log each non-determinism as a warning; an audit reports them itself. */
export function quietRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // a runtime is already installed in this process (a test, the API): keep it
  }
}
