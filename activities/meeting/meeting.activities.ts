import type { DataSource, EntityManager } from 'typeorm';

import type { AgendaItem, Invitee, MeetingState } from '../../libs/processes/meeting/meeting';
import type { Task } from '../../libs/domain/tasks';
import type { MeetingProjection } from '../../libs/processes/meeting/projection';
import { currentMembers } from '../network.activities';
import { upsertTasks } from '../task-projection';

export interface MeetingDeps {
  readonly dataSource: DataSource;
}

const DAY = 86_400_000;

export function createMeetingActivities({ dataSource }: MeetingDeps) {
  return {
    /** Who the agenda call asks: the member agencies of the day and each active TWG's lead; and the coordinating agency. */
    async loadAgendaInvitees(network: string): Promise<{ invitees: Invitee[]; members: string[]; coordinatorAgency: string }> {
      const { members, coordinatorAgency } = await currentMembers(dataSource, network);
      const twgs = (await dataSource.query(`SELECT code, lead_agency FROM twgs WHERE network_code = $1 AND abolished_on IS NULL ORDER BY code`, [network])) as { code: string; lead_agency: string }[];
      const invitees: Invitee[] = [...members.map((agency) => ({ agency, twg: null })), ...twgs.map((t) => ({ agency: t.lead_agency, twg: t.code }))];
      return { invitees, members, coordinatorAgency };
    },

    /**
     * The items that add themselves to an agenda when it is published: impediments the TWG rounds raised for the
     * Network and issues to raise with the Government, while unresolved; action items of earlier meetings still open,
     * with their age and how often they were carried before; decisions in circulation; work-plan activities last
     * reported delayed. Read once, when the agenda is published; the workflow keeps the answer in its history.
     */
    async gatherAgendaItems({ network, meeting, year, at }: { network: string; meeting: string; year: number; at: string }): Promise<AgendaItem[]> {
      const now = Date.parse(at);
      const impediments = (await dataSource.query(
        `SELECT id, twg, description, severity, target, status FROM impediments
         WHERE network_code = $1 AND (status IN ('open', 'in-progress') OR (target = 'government' AND status = 'raised')) ORDER BY raised_at, id`,
        [network],
      )) as { id: string; twg: string; description: string; severity: string; target: string; status: string }[];
      const actions = (await dataSource.query(
        `SELECT id, title, owner, opened_at, due_at, carried_to FROM action_items
         WHERE network_code = $1 AND status = 'open' AND meeting <> $2 ORDER BY opened_at, id`,
        [network, meeting],
      )) as { id: string; title: string; owner: string; opened_at: Date; due_at: Date; carried_to: string[] }[];
      const decisions = (await dataSource.query(
        `SELECT workflow_id, kind, proposal FROM decisions WHERE network_code = $1 AND status = 'CIRCULATING' ORDER BY circulated_at, id`,
        [network],
      )) as { workflow_id: string; kind: string; proposal: { title: string; deadline: string } | null }[];
      const delayed = (await dataSource.query(
        `SELECT id, title, lead_agency FROM plan_activities WHERE network_code = $1 AND year = $2 AND status = 'delayed' ORDER BY id`,
        [network, year],
      )) as { id: string; title: string; lead_agency: string }[];
      return [
        ...impediments.map((i) => ({
          id: `I:${i.id}`,
          source: i.target === 'government' ? ('government-issue' as const) : ('impediment' as const),
          title: i.description,
          ref: i.id,
          by: i.twg,
          note: `${i.severity} severity, ${i.status}`,
        })),
        ...actions.map((a) => ({
          id: `A:${a.id}`,
          source: 'action-item' as const,
          title: a.title,
          ref: a.id,
          by: a.owner,
          note: a.due_at.getTime() < now ? `overdue since ${a.due_at.toISOString()}` : `due ${a.due_at.toISOString()}`,
          openedAt: a.opened_at.toISOString(),
          ageDays: Math.round(((now - a.opened_at.getTime()) / DAY) * 10) / 10,
          timesCarried: a.carried_to.filter((m) => m !== meeting).length,
        })),
        ...decisions.map((d) => ({ id: `D:${d.workflow_id}`, source: 'decision' as const, title: d.proposal?.title ?? d.kind, ref: d.workflow_id, by: null, note: `${d.kind}, objections until ${d.proposal?.deadline}` })),
        ...delayed.map((a) => ({ id: `W:${a.id}`, source: 'delayed-activity' as const, title: a.title, ref: a.id, by: a.lead_agency, note: 'reported delayed' })),
      ];
    },

    /**
     * The meeting's read model, its tasks, and what it changes elsewhere: its action items (carried ones marked),
     * and the impediments it gave a status to, directly or through an action item. Idempotent; the meeting row only
     * moves to a higher revision, an impediment's status only to a later one.
     */
    async projectMeeting({ workflowId, state, tasks, carried, recorded }: MeetingProjection): Promise<void> {
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
            input.network, input.id, workflowId, input.kind, input.year, input.quarter, input.title, state.status, state.scheduledAt,
            state.agendaCallAt, state.agendaDueAt, JSON.stringify(state.agenda), state.agendaPublishedAt,
            JSON.stringify(state.record?.attendance ?? []), JSON.stringify(state.minutes), JSON.stringify(state.record?.decisions ?? []),
            JSON.stringify(state.reviews), JSON.stringify(state.reschedules), state.cancelled ? JSON.stringify(state.cancelled) : null,
            state.heldAt, state.adoptedAt, state.revision,
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
          for (const o of state.record.impediments) await setImpedimentStatus(tx, input.network, o.id, o.status, o.note, workflowId, state.heldAt!);
        }
        for (const t of tasks.filter((task) => task.kind === 'action-item')) await projectActionItem(tx, workflowId, state, t);
      });
    },
  };
}

async function projectActionItem(tx: EntityManager, meeting: string, state: MeetingState, t: Task): Promise<void> {
  const spec = state.record!.actionItems[Number(t.subject!.slice(1)) - 1];
  await tx.query(
    `INSERT INTO action_items (network_code, id, meeting, title, owner, due_at, impediment_id, status, opened_at, completed_at, closed_reason, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT ON CONSTRAINT pk_action_items DO UPDATE SET
       status = EXCLUDED.status, completed_at = EXCLUDED.completed_at, closed_reason = EXCLUDED.closed_reason, version = EXCLUDED.version
     WHERE action_items.version < EXCLUDED.version`,
    [t.network, t.id, meeting, spec.title, t.assignee, t.dueAt, spec.impediment ?? null, t.status, t.openedAt, t.completedAt, t.closedReason, t.version],
  );
  if (!spec.impediment) return;
  // An action item on an impediment moves it: in progress while open, resolved when done, open again if dropped.
  if (t.status === 'open') await setImpedimentStatus(tx, t.network, spec.impediment, 'in-progress', `action item ${t.id}: ${spec.title} (${t.assignee})`, t.id, t.openedAt);
  if (t.status === 'completed') await setImpedimentStatus(tx, t.network, spec.impediment, 'resolved', `action item ${t.id} done by ${t.assignee}`, t.id, t.completedAt!);
  if (t.status === 'cancelled') await setImpedimentStatus(tx, t.network, spec.impediment, 'open', `action item ${t.id} ${t.closedReason}`, t.id, t.closedAt ?? new Date().toISOString());
}

async function setImpedimentStatus(tx: EntityManager, network: string, id: string, status: string, note: string, by: string, at: string): Promise<void> {
  await tx.query(
    `UPDATE impediments SET status = $3, status_note = $4, status_by = $5, status_at = $6
     WHERE network_code = $1 AND id = $2 AND (status_at IS NULL OR status_at <= $6)`,
    [network, id, status, note, by, at],
  );
}
