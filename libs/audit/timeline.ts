import type { WorkflowInfo } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';

import type { Actor } from '../domain/roles';
import { ParsedHistory, workflowInput } from './history-file';
import { processOfWorkflowType } from '../processes/registry';
import { actorOfEvent, describeEvent, eventFacts, type EventFacts, type TaskOf } from './processes';
import { quietRuntime, WorkflowBundle } from './replay';

type Parsed = Extract<ParsedHistory, { ok: true }>;

/** A domain event as the workflow folded it, and the history event (the workflow task's start) at which it did. */
export interface RecordedEvent {
  readonly eventId: number;
  readonly event: Record<string, unknown> & { readonly type: string; readonly at: string };
  /** The workflow projected its state right after this event (and the ones before it since its last projection). */
  readonly projected?: boolean;
}

export interface TimelineEntry {
  readonly eventId: number;
  readonly at: string;
  readonly type: string;
  readonly agency: string | null;
  readonly role: string | null;
  readonly keyId: string | null;
  /** The person who acted on behalf of `agency`, as they were named then; null for a program's key and older histories. */
  readonly person: string | null;
  readonly personId: string | null;
  /** The absent person `person` stood in for, as a substitute; null otherwise. */
  readonly onBehalfOf: string | null;
  readonly onBehalfOfId: string | null;
  readonly what: string;
  /** The same, as fields for a page to word in its reader's language; null where there are none. */
  readonly facts: EventFacts | null;
  /** The phase or status after the event, from the reducer. */
  readonly statusAfter: string;
}

/**
 * Replays the history with the code deployed and collects every domain event it folds (the workflows report them to
 * the `audit` sink, which is called during replay only here). The events are the code's own, not a re-reading.
 */
export async function recordedEvents(h: Parsed, bundle: WorkflowBundle): Promise<RecordedEvent[]> {
  quietRuntime();
  const events: RecordedEvent[] = [];
  const recorded = (info: WorkflowInfo, ...args: unknown[]): void => {
    events.push({ eventId: info.historyLength, event: args[0] as RecordedEvent['event'] });
  };
  const projected = (): void => {
    const last = events.length - 1;
    if (last >= 0) events[last] = { ...events[last], projected: true };
  };
  await Worker.runReplayHistory(
    {
      workflowBundle: bundle,
      replayName: 'mignet-timeline',
      sinks: {
        audit: {
          recorded: { fn: recorded, callDuringReplay: true },
          projected: { fn: projected, callDuringReplay: true },
        },
      },
    },
    h.history,
    h.workflowId,
  );
  return events;
}

/** Folds the events with the workflow type's reducer from its input: every intermediate state, in order. */
export function foldEvents(h: Parsed, events: readonly RecordedEvent[]): { entry: RecordedEvent; state: unknown }[] {
  const fold = foldOf(h.workflowType);
  let state = fold.initial(workflowInput(h.history));
  return events.map((entry) => {
    state = fold.apply(state, entry.event);
    return { entry, state };
  });
}

/** The reducer of a workflow type that keeps a state (the registry's read model), or why there is none. */
export function foldOf(workflowType: string) {
  const fold = processOfWorkflowType(workflowType)?.definition.readModel?.fold;
  if (!fold) throw new Error(`${workflowType} has no domain events to fold`);
  return fold;
}

export async function timeline(h: Parsed, bundle: WorkflowBundle): Promise<TimelineEntry[]> {
  const fold = foldOf(h.workflowType);
  return foldEvents(h, await recordedEvents(h, bundle)).map(({ entry, state }) => {
    const by: Actor | null = actorOfEvent(entry.event);
    // A task's kind and assignee as the state knows them after the event (a closed task stays in the state).
    const taskOf: TaskOf = (id) => tasksOf(state)?.[id];
    return {
      eventId: entry.eventId,
      at: entry.event.at,
      type: entry.event.type,
      agency: by?.agency ?? null,
      role: by?.role ?? null,
      keyId: by?.keyId ?? null,
      person: by?.person ?? null,
      personId: by?.personId ?? null,
      onBehalfOf: by?.onBehalfOf ?? null,
      onBehalfOfId: by?.onBehalfOfId ?? null,
      what: describeEvent(entry.event),
      facts: eventFacts(entry.event, taskOf),
      statusAfter: fold.status(state),
    };
  });
}

/** The tasks a process state keeps by id, where it keeps them. */
function tasksOf(
  state: unknown,
): Record<string, { kind: string; assignee: string; subject: string | null }> | undefined {
  const tasks = (state as { tasks?: unknown } | null | undefined)?.tasks;
  return typeof tasks === 'object' && tasks !== null ? (tasks as ReturnType<typeof tasksOf>) : undefined;
}

/**
 * The process's state as of a moment: after the last domain event at or before `at`, or recorded at or before history
 * event `event`. Undefined before the first.
 */
export async function stateAt(
  h: Parsed,
  bundle: WorkflowBundle,
  moment: { at?: string; event?: number },
): Promise<{ state: unknown; eventId: number; at: string } | undefined> {
  const limit = moment.at !== undefined ? Date.parse(moment.at) : undefined;
  const states = foldEvents(h, await recordedEvents(h, bundle)).filter(({ entry }) =>
    limit !== undefined
      ? Date.parse(entry.event.at) <= limit
      : entry.eventId <= (moment.event ?? Number.MAX_SAFE_INTEGER),
  );
  const last = states[states.length - 1];
  return last ? { state: last.state, eventId: last.entry.eventId, at: last.entry.event.at } : undefined;
}
