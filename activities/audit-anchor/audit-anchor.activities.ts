import type { DataSource } from 'typeorm';

import type { AuditAnchor } from '../../libs/persistence/audit-chain';

/** Reads the head of a network's audit chain for `audit-anchor:{network}`, which records it in its history. */
export function createAuditAnchorActivities({ dataSource }: { readonly dataSource: DataSource }) {
  return {
    async readAuditHead(network: string): Promise<AuditAnchor | null> {
      const [head] = (await dataSource.query(
        'SELECT seq, hash FROM audit_log WHERE network_code = $1 ORDER BY seq DESC LIMIT 1',
        [network],
      )) as { seq: string; hash: string }[];
      if (!head) return null;
      const [first] = (await dataSource.query(
        'SELECT seq FROM audit_log WHERE network_code = $1 AND signature IS NOT NULL ORDER BY seq LIMIT 1',
        [network],
      )) as { seq: string }[];
      return {
        seq: Number(head.seq),
        hash: head.hash,
        at: new Date().toISOString(),
        firstSignedSeq: first ? Number(first.seq) : null,
      };
    },
  };
}
