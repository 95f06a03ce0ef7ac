import type { EntityManager } from 'typeorm';

import type { Task } from '../libs/domain/tasks';

export const actorName = (a: { agency?: string; role: string } | null | undefined) => (a ? (a.agency ?? a.role) : null);

/** Writes tasks' read model, whichever process owns them; a row only moves to a higher version. */
export async function upsertTasks(tx: EntityManager, tasks: readonly Task[]): Promise<void> {
  for (const t of tasks) {
    await tx.query(
      `INSERT INTO tasks (id, network_code, process, kind, assignee, assignee_role, subject, status, opened_at, due_at,
                          remind_at, escalate_at, expires_at, completed_at, completed_by, submissions, result,
                          reminded_at, escalated_at, closed_reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       ON CONFLICT ON CONSTRAINT pk_tasks DO UPDATE SET
         status = EXCLUDED.status, completed_at = EXCLUDED.completed_at, completed_by = EXCLUDED.completed_by,
         submissions = EXCLUDED.submissions, result = EXCLUDED.result, reminded_at = EXCLUDED.reminded_at,
         escalated_at = EXCLUDED.escalated_at, closed_reason = EXCLUDED.closed_reason, version = EXCLUDED.version
       WHERE tasks.version < EXCLUDED.version`,
      [
        t.id,
        t.network,
        t.process,
        t.kind,
        t.assignee,
        t.assigneeRole,
        t.subject,
        t.status,
        t.openedAt,
        t.dueAt,
        t.remindAt,
        t.escalateAt,
        t.expiresAt,
        t.completedAt,
        actorName(t.completedBy),
        t.submissions,
        JSON.stringify(t.result ?? null),
        t.remindedAt,
        t.escalatedAt,
        t.closedReason,
        t.version,
      ],
    );
  }
}
