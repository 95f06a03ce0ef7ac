import type { DataSource } from 'typeorm';

import { calendarDayMs, type Calendar } from '../../libs/domain/calendar';
import type { AgendaItem, Invitee } from '../../libs/processes/meeting/meeting';
import { currentMembers } from '../network.activities';

export interface MeetingDeps {
  readonly dataSource: DataSource;
}

const DAY = 86_400_000;

export function createMeetingActivities({ dataSource }: MeetingDeps) {
  return {
    /** Who the agenda call asks: the member agencies of the day and each active TWG's lead; and the coordinating agency. */
    async loadAgendaInvitees(
      network: string,
    ): Promise<{ invitees: Invitee[]; members: string[]; coordinatorAgency: string }> {
      const { members, coordinatorAgency } = await currentMembers(dataSource, network);
      const twgs = (await dataSource.query(
        `SELECT code, lead_agency FROM twgs WHERE network_code = $1 AND abolished_on IS NULL ORDER BY code`,
        [network],
      )) as { code: string; lead_agency: string }[];
      const invitees: Invitee[] = [
        ...members.map((agency) => ({ agency, twg: null })),
        ...twgs.map((t) => ({ agency: t.lead_agency, twg: t.code })),
      ];
      return { invitees, members, coordinatorAgency };
    },

    /**
     * The items that add themselves to an agenda when it is published: impediments the TWG rounds raised for the
     * Network and issues to raise with the Government, while unresolved; action items of earlier meetings still open,
     * with their age and how often they were carried before; decisions in circulation; work-plan activities last
     * reported delayed. Read once, when the agenda is published; the workflow keeps the answer in its history.
     */
    async gatherAgendaItems({
      network,
      meeting,
      year,
      at,
    }: {
      network: string;
      meeting: string;
      year: number;
      at: string;
    }): Promise<AgendaItem[]> {
      const now = Date.parse(at);
      // Ages in days of the year's own calendar (a compressed year's items age by its days, not by real ones).
      const [cycle] = (await dataSource.query(`SELECT calendar FROM cycles WHERE network_code = $1 AND year = $2`, [
        network,
        year,
      ])) as { calendar: Calendar }[];
      const day = cycle ? calendarDayMs(cycle.calendar) : DAY;
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
          ageDays: Math.round(((now - a.opened_at.getTime()) / day) * 10) / 10,
          timesCarried: a.carried_to.filter((m) => m !== meeting).length,
        })),
        ...decisions.map((d) => ({
          id: `D:${d.workflow_id}`,
          source: 'decision' as const,
          title: d.proposal?.title ?? d.kind,
          ref: d.workflow_id,
          by: null,
          note: `${d.kind}, objections until ${d.proposal?.deadline}`,
        })),
        ...delayed.map((a) => ({
          id: `W:${a.id}`,
          source: 'delayed-activity' as const,
          title: a.title,
          ref: a.id,
          by: a.lead_agency,
          note: 'reported delayed',
        })),
      ];
    },
  };
}
