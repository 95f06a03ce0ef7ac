import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';

import { isPostgresDataError } from '../libs/persistence/postgres-errors';

/** The network of a workflow id: every mignet id is `{process}:{network}:…`. */
const networkOf = (workflowId: string) => workflowId.split(':')[1] ?? 'unknown';

/**
 * A projector that PostgreSQL refuses for its data (a character it cannot store, a number out of range) would be
 * retried for ever, and every later projection and command of its process would queue behind it. Instead the refusal
 * becomes an incident, which the coordinator and /health see, the worker logs it, and the process goes on: the next
 * projection tries again, and resolves the incident when it succeeds. A connection failure is still retried.
 */
export function reportRefusedProjections<P extends { readonly workflowId: string }>(
  dataSource: DataSource,
  name: string,
  project: (p: P) => Promise<void>,
): (p: P) => Promise<void> {
  const kind = `projection:${name}`;
  return async (p) => {
    try {
      await project(p);
    } catch (err) {
      if (!isPostgresDataError(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      logger().error(
        `${name} of ${p.workflowId} refused by PostgreSQL (${message}): recorded as an incident; the process goes on`,
      );
      await dataSource.query(
        `INSERT INTO incidents (network_code, workflow_id, kind, first_at, last_at, occurrences, last_error, resolved_at)
         VALUES ($1, $2, $3, now(), now(), 1, $4, NULL)
         ON CONFLICT ON CONSTRAINT pk_incidents DO UPDATE SET
           last_at = now(), occurrences = incidents.occurrences + 1, last_error = EXCLUDED.last_error, resolved_at = NULL`,
        [networkOf(p.workflowId), p.workflowId, kind, message],
      );
      return;
    }
    await dataSource.query(
      `UPDATE incidents SET resolved_at = now() WHERE network_code = $1 AND workflow_id = $2 AND kind = $3 AND resolved_at IS NULL`,
      [networkOf(p.workflowId), p.workflowId, kind],
    );
  };
}

function logger(): { error(message: string): void } {
  try {
    return Context.current().log;
  } catch {
    return console; // outside an activity (the rebuild runs projectors directly)
  }
}
