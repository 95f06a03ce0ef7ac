import { basename } from 'node:path';

import type { temporal } from '@temporalio/proto';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';

import { PROCESSES, processOfWorkflowType } from '../processes/registry';

type History = temporal.api.history.v1.IHistory;

/** The workflow types whose histories are a record of a network's work (every process the registry calls audited). */
export const MIGNET_WORKFLOW_TYPES: readonly string[] = Object.values(PROCESSES)
  .filter((p) => p.audited)
  .map((p) => p.workflowType);

export type ParsedHistory =
  | {
      readonly ok: true;
      readonly file: string;
      readonly workflowId: string;
      readonly workflowType: string;
      readonly events: number;
      readonly history: History;
    }
  | { readonly ok: false; readonly file: string; readonly reason: string };

/**
 * A history file as `temporal workflow show --output json` writes it (mignet's export writes the same). Its workflow
 * id is not in the history: it is taken from the workflow's input (every mignet id is a business key), or else from a
 * file named after it (`annual-cycle_tl_2027.some-label.json`). Anything else gets a one-line reason.
 */
export function parseHistoryFile(file: string, text: string): ParsedHistory {
  const fail = (reason: string): ParsedHistory => ({ ok: false, file, reason });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail(`not JSON (${(err as Error).message})`);
  }
  const events = (json as { events?: unknown })?.events;
  if (!Array.isArray(events) || events.length === 0) return fail('not a workflow history: no "events" list');
  let history: History;
  try {
    history = historyFromJSON(json);
  } catch (err) {
    return fail(`not a workflow history: ${(err as Error).message.split('\n')[0]}`);
  }
  return describeHistory(file, history);
}

/**
 * A history already in hand (a file's, or one fetched from Temporal, whose id the caller knows): its workflow type and
 * id, or why it is not one of mignet's.
 */
export function describeHistory(file: string, history: History, knownWorkflowId?: string): ParsedHistory {
  const fail = (reason: string): ParsedHistory => ({ ok: false, file, reason });
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) return fail('not a workflow history: its first event is not WorkflowExecutionStarted');
  const workflowType = started.workflowType?.name ?? '';
  const process = processOfWorkflowType(workflowType)?.definition;
  if (!process?.audited)
    return fail(`a ${workflowType || 'nameless'} workflow, not one of mignet's (${MIGNET_WORKFLOW_TYPES.join(', ')})`);
  const workflowId = knownWorkflowId ?? process.workflowId(workflowInput(history)) ?? idFromFileName(file);
  if (!workflowId)
    return fail(
      `the workflow id of this ${workflowType} history is unknown: name the file after it (":" written as "_")`,
    );
  return { ok: true, file, workflowId, workflowType, events: history.events!.length, history };
}

/** The workflow's input as it started (an empty object where it has none, or none that is JSON). */
export function workflowInput(history: History): Record<string, unknown> {
  const data = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  if (!data) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function idFromFileName(file: string): string | undefined {
  const stem = basename(file).split('.')[0];
  return /^[a-z-]+_[^_]+/.test(stem) ? stem.replace(/_/g, ':') : undefined;
}
