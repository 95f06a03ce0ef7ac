import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingState } from '../../libs/processes/meeting/meeting';
import type { Task } from '../../libs/domain/tasks';
import type { MeetingProjection } from '../../libs/processes/meeting/projection';
import { upsertTasks } from '../task-projection';
import { ActionItemEntity, ImpedimentEntity, MeetingEntity } from '../../libs/persistence/entities';
import { updateRows } from '../../libs/persistence/read-models/update-rows';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
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
      await upsertRow(
        tx,
        MeetingEntity,
        {
          networkCode: input.network,
          id: input.id,
          workflowId,
          kind: input.kind,
          year: input.year,
          quarter: input.quarter,
          title: input.title,
          status: state.status,
          scheduledAt: state.scheduledAt,
          agendaCallAt: state.agendaCallAt,
          agendaDueAt: state.agendaDueAt,
          agenda: state.agenda,
          agendaPublishedAt: state.agendaPublishedAt,
          attendance: state.record?.attendance ?? [],
          minutes: state.minutes,
          decisions: state.record?.decisions ?? [],
          reviews: state.reviews,
          reschedules: state.reschedules,
          cancelled: state.cancelled ?? undefined,
          heldAt: state.heldAt,
          adoptedAt: state.adoptedAt,
          revision: state.revision,
        },
        {
          update: 'all',
          newer: { column: 'revision', orEqual: true },
        },
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
  await upsertRow(
    tx,
    ActionItemEntity,
    {
      networkCode: t.network,
      id: t.id,
      meeting,
      title: spec.title,
      owner: t.assignee,
      dueAt: t.dueAt,
      impedimentId: spec.impediment ?? undefined,
      status: t.status,
      openedAt: t.openedAt,
      completedAt: t.completedAt,
      closedReason: t.closedReason,
      version: t.version,
    },
    { update: 'all', newer: { column: 'version', orEqual: true } },
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
  await updateRows(tx, ImpedimentEntity, {
    where: { networkCode: network, id },
    set: { status, statusNote: note, statusBy: by, statusAt: at },
    onlyIf: { column: 'statusAt', atMost: at, orNull: true }, // a later status is never overwritten by an earlier one
  });
}
