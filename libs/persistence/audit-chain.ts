import { createHash } from 'node:crypto';

import { TrustedKeys, verifySignature } from '../audit/signing';

/** The fields of an audit row that its hash covers: all of them but the hash itself. */
export interface AuditRecord {
  readonly networkCode: string;
  readonly seq: number;
  readonly at: string;
  readonly requestId: string;
  readonly actorRole: string | null;
  readonly actorAgency: string | null;
  readonly keyId: string | null;
  /** The person who sent it (a person's key or session); absent on older rows and for service accounts, so their hashes stay. */
  readonly personId?: string;
  readonly actorPerson?: string;
  /** The absent person the sender stood in for (an absence's substitute); absent otherwise, so other rows' hashes stay. */
  readonly onBehalfOfId?: string;
  readonly onBehalfOf?: string;
  readonly command: string;
  readonly target: string | null;
  readonly payload: unknown;
  /** `unknown`: Temporal took the command and its answer was lost; reconciliation settles it from the history. */
  readonly outcome: AuditOutcomeName;
  readonly status: number;
  readonly errorCode: string | null;
  readonly prevHash: string;
}

/** A row before it is chained: everything but its place in the chain. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'prevHash'>;

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

/** A row as stored: its record, its hash, and the API's signature of the hash (null on rows older than signing). */
export type StoredAuditRow = AuditRecord & { readonly hash: string; readonly signature?: string | null };

/** A head of the chain recorded outside PostgreSQL (in the `audit-anchor:{network}` workflow's history). */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  /** The first signed row then: every row from it on must be signed (recorded outside the database, so nulling signatures shows). */
  readonly firstSignedSeq?: number | null;
}

export interface ChainCheck {
  /** Public keys whose signatures count; without them signatures are not checked. */
  readonly keys?: TrustedKeys;
  /** Heads recorded outside the database: each must still be in the chain, with the same hash. */
  readonly anchors?: readonly AuditAnchor[];
  /**
   * From which seq every row must be signed. By default the earliest `firstSignedSeq` the anchors recorded, else 1:
   * rows older than signing are accepted unsigned only where a record outside the database says signing began later.
   */
  readonly signedFrom?: number;
}

/**
 * Walks a network's rows in `seq` order; returns the first row whose link, hash or signature does not hold, or the
 * first anchor the rows no longer match (a deleted tail, a rewritten chain), or undefined.
 */
export function findChainBreak<R extends StoredAuditRow>(
  rows: readonly R[],
  check: ChainCheck = {},
): { row: R | undefined; seq: number; reason: string } | undefined {
  let prev = GENESIS_HASH;
  let signingBegan = false;
  const recorded = (check.anchors ?? []).map((a) => a.firstSignedSeq).filter((s): s is number => typeof s === 'number');
  const signedFrom = check.signedFrom ?? (recorded.length > 0 ? Math.min(...recorded) : 1);
  for (const [i, row] of rows.entries()) {
    const broken = (reason: string) => ({ row, seq: row.seq, reason });
    if (row.seq !== i + 1) return broken(`expected seq ${i + 1}, found ${row.seq}`);
    if (row.prevHash !== prev) return broken('prev_hash does not match the previous row');
    const { hash, signature, ...record } = row;
    if (auditHash(recordOf(record)) !== hash) return broken('hash does not match the row');
    if (check.keys) {
      if (signature) {
        signingBegan = true;
        if (!verifySignature(check.keys, hash, signature))
          return broken('signature does not verify with a trusted key');
      } else if (signingBegan || row.seq >= signedFrom) {
        return broken(
          signingBegan
            ? 'unsigned row after signing began'
            : `unsigned row: every row from seq ${signedFrom} is signed`,
        );
      }
    }
    prev = hash;
  }
  for (const anchor of check.anchors ?? []) {
    const row = rows[anchor.seq - 1];
    if (!row)
      return {
        row: undefined,
        seq: anchor.seq,
        reason: `row ${anchor.seq}, recorded as the head at ${anchor.at}, is missing: rows were deleted`,
      };
    if (row.hash !== anchor.hash)
      return {
        row,
        seq: anchor.seq,
        reason: `hash differs from the one recorded at ${anchor.at}: the chain was rewritten`,
      };
  }
  return undefined;
}

/** Exactly the fields the hash covers, whatever else a row carries. */
function recordOf(r: AuditRecord): AuditRecord {
  return {
    networkCode: r.networkCode,
    seq: r.seq,
    at: r.at,
    requestId: r.requestId,
    actorRole: r.actorRole,
    actorAgency: r.actorAgency,
    keyId: r.keyId,
    personId: r.personId ?? undefined,
    actorPerson: r.actorPerson ?? undefined,
    onBehalfOfId: r.onBehalfOfId ?? undefined,
    onBehalfOf: r.onBehalfOf ?? undefined,
    command: r.command,
    target: r.target,
    payload: r.payload,
    outcome: r.outcome,
    status: r.status,
    errorCode: r.errorCode,
    prevHash: r.prevHash,
  };
}

/** Runs SQL: a TypeORM DataSource's `query`, or a pg client's, adapted. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** A network's audit rows in chain order, as stored. */
export async function readAuditLog(query: Query, network: string): Promise<StoredAuditRow[]> {
  const rows = await query(`SELECT * FROM audit_log WHERE network_code = $1 ORDER BY seq`, [network]);
  return rows.map(auditRecordFromRow);
}

/** An audit_log row as SQL returns it, as the chain's record and its hash. */
export function auditRecordFromRow(
  r: Record<string, unknown>,
): StoredAuditRow & { hash: string; signature: string | null } {
  return {
    networkCode: r.network_code as string,
    seq: Number(r.seq),
    at: (r.at as Date).toISOString(),
    requestId: r.request_id as string,
    actorRole: r.actor_role as string | null,
    actorAgency: r.actor_agency as string | null,
    keyId: r.key_id as string | null,
    personId: (r.person_id as string | null | undefined) ?? undefined,
    actorPerson: (r.actor_person as string | null | undefined) ?? undefined,
    onBehalfOfId: (r.on_behalf_of_id as string | null | undefined) ?? undefined,
    onBehalfOf: (r.on_behalf_of as string | null | undefined) ?? undefined,
    command: r.command as string,
    target: r.target as string | null,
    payload: r.payload,
    outcome: r.outcome as AuditRecord['outcome'],
    status: r.status as number,
    errorCode: r.error_code as string | null,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
    signature: (r.signature as string | null | undefined) ?? null,
  };
}

export interface ChainVerification {
  readonly network: string;
  readonly rows: number;
  readonly intact: boolean;
  /** The first row that breaks the chain: its seq (the row's id within the network), request id and why. */
  readonly firstBreak: {
    readonly seq: number;
    readonly requestId: string | null;
    readonly at: string | null;
    readonly reason: string;
  } | null;
  /** Signed rows, and rows older than signing; null when no trusted key was given. */
  readonly signatures: { readonly signed: number; readonly unsigned: number } | null;
  /** Anchors compared, and the newest; null when none were given (say why in `anchorsNotChecked`). */
  readonly anchors: { readonly checked: number; readonly latest: AuditAnchor | null } | null;
  readonly anchorsNotChecked?: string;
}

/** Walks a network's hash chain from its first row and names the first row that breaks it. */
export async function verifyAuditLog(
  query: Query,
  network: string,
  check: ChainCheck & { anchorsNotChecked?: string } = {},
): Promise<ChainVerification> {
  return verifyRows(network, await readAuditLog(query, network), check);
}

/** The same check over rows already in hand (an export's). */
export function verifyRows(
  network: string,
  rows: readonly StoredAuditRow[],
  check: ChainCheck & { anchorsNotChecked?: string } = {},
): ChainVerification {
  const found = findChainBreak(rows, check);
  const signed = rows.filter((r) => r.signature).length;
  const anchors = check.anchors ? [...check.anchors].sort((a, b) => a.seq - b.seq) : undefined;
  return {
    network,
    rows: rows.length,
    intact: found === undefined,
    firstBreak: found
      ? { seq: found.seq, requestId: found.row?.requestId ?? null, at: found.row?.at ?? null, reason: found.reason }
      : null,
    signatures: check.keys ? { signed, unsigned: rows.length - signed } : null,
    anchors: anchors ? { checked: anchors.length, latest: anchors.at(-1) ?? null } : null,
    ...(check.anchorsNotChecked ? { anchorsNotChecked: check.anchorsNotChecked } : {}),
  };
}
