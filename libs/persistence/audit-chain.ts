import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers: all of them but the hash itself. */
export interface AuditRecord {
  readonly networkCode: string;
  readonly seq: number;
  readonly at: string;
  readonly requestId: string;
  readonly actorRole: string | null;
  readonly actorAgency: string | null;
  readonly keyId: string | null;
  readonly command: string;
  readonly target: string | null;
  readonly payload: unknown;
  readonly outcome: 'accepted' | 'rejected';
  readonly status: number;
  readonly errorCode: string | null;
  readonly prevHash: string;
}

/** The hash a network's first row links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so a payload hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(record: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** Walks a network's rows in `seq` order; returns the first row whose link or hash does not hold, or undefined. */
export function findChainBreak<R extends AuditRecord & { readonly hash: string }>(rows: readonly R[]): { row: R; reason: string } | undefined {
  let prev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    if (row.seq !== i + 1) return { row, reason: `expected seq ${i + 1}, found ${row.seq}` };
    if (row.prevHash !== prev) return { row, reason: 'prev_hash does not match the previous row' };
    const { hash, ...record } = row;
    const fields: AuditRecord = {
      networkCode: record.networkCode,
      seq: record.seq,
      at: record.at,
      requestId: record.requestId,
      actorRole: record.actorRole,
      actorAgency: record.actorAgency,
      keyId: record.keyId,
      command: record.command,
      target: record.target,
      payload: record.payload,
      outcome: record.outcome,
      status: record.status,
      errorCode: record.errorCode,
      prevHash: record.prevHash,
    };
    if (auditHash(fields) !== hash) return { row, reason: 'hash does not match the row' };
    prev = hash;
  }
  return undefined;
}
