import type { DataSource } from 'typeorm';

import type { NetworkSnapshot } from '../libs/processes/annual-cycle/annual-cycle';

export interface NetworkDeps {
  readonly dataSource: DataSource;
}

/** The network's member agencies of the day (those that have not left) and its coordinating agency. */
export async function currentMembers(
  dataSource: DataSource,
  network: string,
): Promise<{ members: string[]; coordinatorAgency: string }> {
  const [row] = (await dataSource.query(`SELECT coordinator_agency FROM networks WHERE code = $1`, [network])) as {
    coordinator_agency: string;
  }[];
  if (!row) throw new Error(`network ${network} does not exist`);
  const members = (await dataSource.query(
    `SELECT code FROM agencies WHERE network_code = $1 AND left_at IS NULL ORDER BY code`,
    [network],
  )) as { code: string }[];
  return { members: members.map((m) => m.code), coordinatorAgency: row.coordinator_agency };
}

export function createNetworkActivities({ dataSource }: NetworkDeps) {
  return {
    /** The network as a process finds it when it starts: current members, coordinator, number of objectives. */
    async loadNetwork(network: string): Promise<NetworkSnapshot> {
      const { members, coordinatorAgency } = await currentMembers(dataSource, network);
      const [{ count }] = (await dataSource.query(
        `SELECT count(*)::int AS count FROM network_objectives WHERE network_code = $1 AND scope = 'network'`,
        [network],
      )) as { count: number }[];
      return { members, coordinatorAgency, networkObjectives: count };
    },
  };
}
