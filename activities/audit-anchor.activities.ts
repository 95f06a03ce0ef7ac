import type { DataSource } from 'typeorm';

import type { AuditAnchor } from '../libs/persistence/audit-chain';

/** Reads the head of a network's audit chain for `audit-anchor:{network}`, which records it in its history. */
export function createAuditAnchorActivities({ dataSource }: { readonly dataSource: DataSource }) {
  return {
    async readAuditHead(network: string): Promise<AuditAnchor | null> {
      const [head] = (await dataSource.query('SELECT seq, hash FROM audit_log WHERE network_code = $1 ORDER BY seq DESC LIMIT 1', [network])) as { seq: string; hash: string }[];
      return head ? { seq: Number(head.seq), hash: head.hash, at: new Date().toISOString() } : null;
    },
  };
}
