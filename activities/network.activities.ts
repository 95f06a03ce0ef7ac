import type { DataSource } from 'typeorm';

import type { NetworkSnapshot } from '../libs/domain/annual-cycle';

export interface NetworkDeps {
  readonly dataSource: DataSource;
}

export function createNetworkActivities({ dataSource }: NetworkDeps) {
  return {
    /** The network as a process finds it when it starts: current members, coordinator, number of objectives. */
    async loadNetwork(network: string): Promise<NetworkSnapshot> {
      const [row] = (await dataSource.query(`SELECT coordinator_agency FROM networks WHERE code = $1`, [network])) as { coordinator_agency: string }[];
      if (!row) throw new Error(`network ${network} does not exist`);
      const members = (await dataSource.query(
        `SELECT code FROM agencies WHERE network_code = $1 AND left_at IS NULL ORDER BY code`,
        [network],
      )) as { code: string }[];
      const [{ count }] = (await dataSource.query(
        `SELECT count(*)::int AS count FROM network_objectives WHERE network_code = $1 AND scope = 'network'`,
        [network],
      )) as { count: number }[];
      return { members: members.map((m) => m.code), coordinatorAgency: row.coordinator_agency, networkObjectives: count };
    },
  };
}
