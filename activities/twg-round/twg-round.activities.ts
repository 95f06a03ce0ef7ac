import type { DataSource } from 'typeorm';

import { currentMembers } from '../network.activities';

export interface TwgRoundDeps {
  readonly dataSource: DataSource;
}

export interface ActiveTwg {
  readonly code: string;
  readonly leadAgency: string;
  readonly memberAgencies: readonly string[];
}

export function createTwgRoundActivities({ dataSource }: TwgRoundDeps) {
  return {
    /** The TWGs active at `at` (a period's start): established by then and not abolished (a TWG established later waits for the next period). */
    async activeTwgs({ network, at }: { network: string; at: string }): Promise<ActiveTwg[]> {
      const rows = (await dataSource.query(
        `SELECT code, lead_agency, member_agencies FROM twgs
         WHERE network_code = $1 AND established_on <= $2 AND abolished_on IS NULL ORDER BY code`,
        [network, at],
      )) as { code: string; lead_agency: string; member_agencies: string[] }[];
      // A TWG's members who have left the Network are not asked for updates.
      const current = new Set((await currentMembers(dataSource, network)).members);
      return rows.map((r) => ({
        code: r.code,
        leadAgency: r.lead_agency,
        memberAgencies: r.member_agencies.filter((m) => current.has(m)),
      }));
    },

    /** The workflow ids of a TWG's rounds that have not closed. */
    async openTwgRounds({ network, twg }: { network: string; twg: string }): Promise<string[]> {
      const rows = (await dataSource.query(
        `SELECT id FROM twg_rounds WHERE network_code = $1 AND twg = $2 AND status IN ('COLLECTING', 'CONSOLIDATING') ORDER BY id`,
        [network, twg],
      )) as { id: string }[];
      return rows.map((r) => r.id);
    },
  };
}
