import type { DataSource } from 'typeorm';

import type { NetworkYearSummary } from '../../libs/processes/annual-cycle/annual-report-types';

export interface NetworkYearDeps {
  readonly dataSource: DataSource;
}

export function createNetworkYearActivities({ dataSource }: NetworkYearDeps) {
  return {
    /** The year's meetings, action items, TWG rounds and impediments, for the annual report (read once, kept in the cycle's history). */
    async summariseNetworkYear({
      network,
      year,
      at,
    }: {
      network: string;
      year: number;
      at: string;
    }): Promise<NetworkYearSummary> {
      const meetings = (await dataSource.query(
        `SELECT id, kind, title, status, scheduled_at, held_at, adopted_at, decisions FROM meetings
         WHERE network_code = $1 AND year = $2 ORDER BY scheduled_at, id`,
        [network, year],
      )) as {
        id: string;
        kind: string;
        title: string;
        status: string;
        scheduled_at: Date;
        held_at: Date | null;
        adopted_at: Date | null;
        decisions: string[];
      }[];
      const actions = (await dataSource.query(
        `SELECT a.owner, a.status, a.due_at, a.completed_at FROM action_items a JOIN meetings m ON m.workflow_id = a.meeting
         WHERE a.network_code = $1 AND m.year = $2`,
        [network, year],
      )) as { owner: string; status: string; due_at: Date; completed_at: Date | null }[];
      const rounds = (await dataSource.query(
        `SELECT id, twg, period, status, updates FROM twg_rounds WHERE network_code = $1 AND year = $2 ORDER BY period, twg`,
        [network, year],
      )) as { id: string; twg: string; period: number; status: string; updates: Record<string, unknown> }[];
      const impediments = (await dataSource.query(
        `SELECT i.id, i.twg, i.description, i.target, i.status FROM impediments i JOIN twg_rounds r ON r.id = i.round_id AND r.network_code = i.network_code
         WHERE i.network_code = $1 AND r.year = $2 ORDER BY i.raised_at, i.id`,
        [network, year],
      )) as { id: string; twg: string; description: string; target: string; status: string }[];

      const now = Date.parse(at);
      const owners = [...new Set(actions.map((a) => a.owner))].sort();
      const twgRounds = rounds.map((r) => ({
        id: r.id,
        twg: r.twg,
        period: r.period,
        status: r.status,
        submitted: Object.keys(r.updates)
          .filter((a) => r.updates[a] !== null)
          .sort(),
        missed: Object.keys(r.updates)
          .filter((a) => r.updates[a] === null)
          .sort(),
      }));
      const agencies = [...new Set(twgRounds.flatMap((r) => [...r.submitted, ...r.missed]))].sort();
      return {
        meetings: meetings.map((m) => ({
          id: m.id,
          kind: m.kind,
          title: m.title,
          status: m.status,
          scheduledAt: m.scheduled_at.toISOString(),
          heldAt: m.held_at?.toISOString() ?? null,
          minutesAdoptedAt: m.adopted_at?.toISOString() ?? null,
          decisions: m.decisions,
        })),
        actionItemsByAgency: owners.map((agency) => {
          const mine = actions.filter((a) => a.owner === agency);
          return {
            agency,
            done: mine.filter((a) => a.status === 'completed').length,
            doneLate: mine.filter(
              (a) => a.status === 'completed' && a.completed_at !== null && a.completed_at > a.due_at,
            ).length,
            open: mine.filter((a) => a.status === 'open').length,
            overdue: mine.filter((a) => a.status === 'open' && a.due_at.getTime() < now).length,
            dropped: mine.filter((a) => a.status === 'cancelled').length,
          };
        }),
        twgUpdatesByAgency: agencies.map((agency) => ({
          agency,
          submitted: twgRounds.filter((r) => r.submitted.includes(agency)).length,
          missed: twgRounds.filter((r) => r.missed.includes(agency)).length,
        })),
        twgRounds,
        impediments: {
          raised: impediments.length,
          resolved: impediments.filter((i) => i.status === 'resolved').length,
          stillOpen: impediments.filter((i) => i.status !== 'resolved').length,
        },
        governmentIssues: impediments
          .filter((i) => i.target === 'government')
          .map((i) => ({ id: i.id, twg: i.twg, description: i.description, status: i.status })),
      };
    },
  };
}
