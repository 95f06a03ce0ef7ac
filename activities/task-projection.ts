import type { EntityManager } from 'typeorm';

import type { Task } from '../libs/domain/tasks';
import { TaskEntity } from '../libs/persistence/entities';
import { upsertRow } from '../libs/persistence/read-models/upsert-row';

export const actorName = (a: { agency?: string; role: string } | null | undefined) => (a ? (a.agency ?? a.role) : null);

/** Writes tasks' read model, whichever process owns them; a row only moves to a higher version. */
export async function upsertTasks(tx: EntityManager, tasks: readonly Task[]): Promise<void> {
  for (const t of tasks) {
    await upsertRow(
      tx,
      TaskEntity,
      {
        id: t.id,
        networkCode: t.network,
        process: t.process,
        kind: t.kind,
        assignee: t.assignee,
        assigneeRole: t.assigneeRole,
        subject: t.subject,
        status: t.status,
        openedAt: t.openedAt,
        dueAt: t.dueAt,
        remindAt: t.remindAt,
        escalateAt: t.escalateAt,
        expiresAt: t.expiresAt,
        completedAt: t.completedAt,
        completedBy: actorName(t.completedBy),
        completedByPerson: t.completedBy?.person ?? null,
        completedOnBehalfOf: t.completedBy?.onBehalfOf ?? null,
        submissions: t.submissions,
        result: t.result ?? null,
        remindedAt: t.remindedAt,
        escalatedAt: t.escalatedAt,
        closedReason: t.closedReason,
        version: t.version,
      },
      {
        // Every column, and equal wins: a worker killed after this projection but before its workflow task completed
        // leaves a row the history never had; the retried task reaches the same version with what did happen (a
        // deadline that fired meanwhile, dates computed at a later time), and must replace all of it (test/production
        // found both: a status, then a due date, that differed from the rebuild).
        update: 'all',
        newer: { column: 'version', orEqual: true },
      },
    );
  }
}
