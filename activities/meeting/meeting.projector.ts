import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingState } from '../../libs/processes/meeting/meeting';
import type { Task } from '../../libs/domain/tasks';
import type { MeetingProjection } from '../../libs/processes/meeting/projection';
import { upsertTasks } from '../task-projection';
import type { ReadModelWriter } from '../read-model-writer';

/**
 * The meeting's read model, its tasks, and what it changes elsewhere: its action items (carried ones marked),
 * and the impediments it gave a status to, directly or through an action item. Idempotent; the meeting row only
 * moves to a higher revision, an impediment's status only to a later one.
 */
function createMeetingProjector({ dataSource }: { readonly dataSource: DataSource }) {
  return async function projectMeeting({
    workflowId,
    state,
    tasks,
    carried,
    recorded,
  }: MeetingProjection): Promise<void> {
    const input = state.input;
    if (!input) return;
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO meetings (network_code, id, workflow_id, kind, year, quarter, title, status, scheduled_at, agenda_call_at,
                               agenda_due_at, agenda, agenda_published_at, attendance, minutes, decisions, reviews, reschedules,
                               cancelled, held_at, adopted_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
         ON CONFLICT ON CONSTRAINT pk_meetings DO UPDATE SET
           status = EXCLUDED.status, scheduled_at = EXCLUDED.scheduled_at, agenda_call_at = EXCLUDED.agenda_call_at,
           agenda_due_at = EXCLUDED.agenda_due_at, agenda = EXCLUDED.agenda, agenda_published_at = EXCLUDED.agenda_published_at,
           attendance = EXCLUDED.attendance, minutes = EXCLUDED.minutes, decisions = EXCLUDED.decisions, reviews = EXCLUDED.reviews,
           reschedules = EXCLUDED.reschedules, cancelled = EXCLUDED.cancelled, held_at = EXCLUDED.held_at,
           adopted_at = EXCLUDED.adopted_at, revision = EXCLUDED.revision
         WHERE meetings.revision < EXCLUDED.revision`,
        [
          input.network,
          input.id,
          workflowId,
          input.kind,
          input.year,
          input.quarter,
          input.title,
          state.status,
          state.scheduledAt,
          state.agendaCallAt,
          state.agendaDueAt,
          JSON.stringify(state.agenda),
          state.agendaPublishedAt,
          JSON.stringify(state.record?.attendance ?? []),
          JSON.stringify(state.minutes),
          JSON.stringify(state.record?.decisions ?? []),
          JSON.stringify(state.reviews),
          JSON.stringify(state.reschedules),
          state.cancelled ? JSON.stringify(state.cancelled) : null,
          state.heldAt,
          state.adoptedAt,
          state.revision,
        ],
      );
      await upsertTasks(tx, tasks);
      if (carried && carried.length > 0) {
        await tx.query(
          `UPDATE action_items SET carried_to = array_append(carried_to, $2) WHERE network_code = $1 AND id = ANY($3) AND NOT ($2 = ANY(carried_to))`,
          [input.network, workflowId, carried],
        );
      }
      if (recorded && state.record) {
        for (const o of state.record.impediments)
          await setImpedimentStatus(tx, input.network, o.id, o.status, o.note, workflowId, state.heldAt!);
      }
      for (const t of tasks.filter((task) => task.kind === 'action-item'))
        await projectActionItem(tx, workflowId, state, t);
    });
  };
}

export const meetingReadModel: ReadModelWriter<MeetingProjection> = {
  project: createMeetingProjector,
  clear: async (tx, { network, workflowIds, wholeNetwork }) => {
    await tx.query(`DELETE FROM meetings WHERE network_code = $1 AND workflow_id = ANY($2)`, [network, workflowIds]);
    // A later year's meeting may have carried an action item: a year's rebuild keeps the row and upserts it.
    if (wholeNetwork)
      await tx.query(`DELETE FROM action_items WHERE network_code = $1 AND meeting = ANY($2)`, [network, workflowIds]);
  },
};

async function projectActionItem(tx: EntityManager, meeting: string, state: MeetingState, t: Task): Promise<void> {
  const spec = state.record!.actionItems[Number(t.subject!.slice(1)) - 1];
  await tx.query(
    `INSERT INTO action_items (network_code, id, meeting, title, owner, due_at, impediment_id, status, opened_at, completed_at, closed_reason, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT ON CONSTRAINT pk_action_items DO UPDATE SET
       status = EXCLUDED.status, completed_at = EXCLUDED.completed_at, closed_reason = EXCLUDED.closed_reason, version = EXCLUDED.version
     WHERE action_items.version < EXCLUDED.version`,
    [
      t.network,
      t.id,
      meeting,
      spec.title,
      t.assignee,
      t.dueAt,
      spec.impediment ?? null,
      t.status,
      t.openedAt,
      t.completedAt,
      t.closedReason,
      t.version,
    ],
  );
  if (!spec.impediment) return;
  // An action item on an impediment moves it: in progress while open, resolved when done, open again if dropped.
  if (t.status === 'open')
    await setImpedimentStatus(
      tx,
      t.network,
      spec.impediment,
      'in-progress',
      `action item ${t.id}: ${spec.title} (${t.assignee})`,
      t.id,
      t.openedAt,
    );
  if (t.status === 'completed')
    await setImpedimentStatus(
      tx,
      t.network,
      spec.impediment,
      'resolved',
      `action item ${t.id} done by ${t.assignee}`,
      t.id,
      t.completedAt!,
    );
  if (t.status === 'cancelled')
    await setImpedimentStatus(
      tx,
      t.network,
      spec.impediment,
      'open',
      `action item ${t.id} ${t.closedReason}`,
      t.id,
      t.closedAt ?? new Date().toISOString(),
    );
}

async function setImpedimentStatus(
  tx: EntityManager,
  network: string,
  id: string,
  status: string,
  note: string,
  by: string,
  at: string,
): Promise<void> {
  await tx.query(
    `UPDATE impediments SET status = $3, status_note = $4, status_by = $5, status_at = $6
     WHERE network_code = $1 AND id = $2 AND (status_at IS NULL OR status_at <= $6)`,
    [network, id, status, note, by, at],
  );
}
