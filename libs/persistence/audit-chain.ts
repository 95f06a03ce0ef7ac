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
  /** `unknown`: Temporal took the command and its answer was lost; reconciliation settles it from the history. */
  readonly outcome: AuditOutcomeName;
  readonly status: number;
  readonly errorCode: string | null;
  readonly prevHash: string;
}

export const AUDIT_OUTCOMES = ['accepted', 'rejected', 'unknown'] as const;
export type AuditOutcomeName = (typeof AUDIT_OUTCOMES)[number];

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

/** Runs SQL: a TypeORM DataSource's `query`, or a pg client's, adapted. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** A network's audit rows in chain order, as stored. */
export async function readAuditLog(query: Query, network: string): Promise<(AuditRecord & { hash: string })[]> {
  const rows = await query(`SELECT * FROM audit_log WHERE network_code = $1 ORDER BY seq`, [network]);
  return rows.map(auditRecordFromRow);
}

/** An audit_log row as SQL returns it, as the chain's record and its hash. */
export function auditRecordFromRow(r: Record<string, unknown>): AuditRecord & { hash: string } {
  return {
    networkCode: r.network_code as string,
    seq: Number(r.seq),
    at: (r.at as Date).toISOString(),
    requestId: r.request_id as string,
    actorRole: r.actor_role as string | null,
    actorAgency: r.actor_agency as string | null,
    keyId: r.key_id as string | null,
    command: r.command as string,
    target: r.target as string | null,
    payload: r.payload,
    outcome: r.outcome as AuditRecord['outcome'],
    status: r.status as number,
    errorCode: r.error_code as string | null,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

export interface ChainVerification {
  readonly network: string;
  readonly rows: number;
  readonly intact: boolean;
  /** The first row that breaks the chain: its seq (the row's id within the network), request id and why. */
  readonly firstBreak: { readonly seq: number; readonly requestId: string; readonly at: string; readonly reason: string } | null;
}

/** Walks a network's hash chain from its first row and names the first row that breaks it. */
export async function verifyAuditLog(query: Query, network: string): Promise<ChainVerification> {
  const rows = await readAuditLog(query, network);
  const found = findChainBreak(rows);
  return {
    network,
    rows: rows.length,
    intact: found === undefined,
    firstBreak: found ? { seq: found.row.seq, requestId: found.row.requestId, at: found.row.at, reason: found.reason } : null,
  };
}
