import type { Client, WorkflowExecutionInfo } from '@temporalio/client';

export interface ProcessFilter {
  readonly network: string;
  readonly process?: string;
  readonly year?: number;
  /** Temporal's execution status as visibility names it: Running, Completed, … */
  readonly status?: string;
}

/**
 * A network's processes in Temporal visibility, by the search attributes every mignet workflow carries. The values
 * are validated before they get here (an enum, an integer, a network code the API guard found), so none is escaped.
 */
export function visibilityQuery(f: ProcessFilter): string {
  const clauses = [`MignetNetwork = '${f.network}'`];
  if (f.process) clauses.push(`MignetProcess = '${f.process}'`);
  if (f.year !== undefined) clauses.push(`MignetYear = ${Math.trunc(f.year)}`);
  if (f.status) clauses.push(`ExecutionStatus = '${f.status}'`);
  return clauses.join(' AND '); // newest first is visibility's own order (ORDER BY is not supported by every store)
}

/** Every run (a process continued as new has several) of the processes that match, newest first. */
export async function listRuns(client: Client, f: ProcessFilter): Promise<WorkflowExecutionInfo[]> {
  const runs: WorkflowExecutionInfo[] = [];
  for await (const w of client.workflow.list({ query: visibilityQuery(f) })) runs.push(w);
  return runs;
}

/** The distinct workflow ids among runs, in a stable order. */
export function workflowIdsOf(runs: readonly WorkflowExecutionInfo[]): string[] {
  return [...new Set(runs.map((r) => r.workflowId))].sort();
}
