import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';

import { AuditRecord, auditHash, GENESIS_HASH } from '../../../libs/persistence/audit-chain';

export interface AuditOutcome {
  readonly status: number;
  readonly errorCode: string | null;
}

/** Commands are every request that may change something; reads are not audited. */
export function isCommand(req: Request): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}

/**
 * Appends commands to the network's hash chain. One transaction per row holds a per-network advisory lock, so
 * concurrent commands chain one after the other instead of forking the chain.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('audit');

  constructor(private readonly dataSource: DataSource) {}

  async record(req: Request, outcome: AuditOutcome): Promise<void> {
    const network = typeof req.params?.network === 'string' ? req.params.network : undefined;
    if (!network || !isCommand(req) || req.audited) return;
    req.audited = true;
    const principal = req.principal;
    await this.dataSource.transaction(async (tx) => {
      const [known] = (await tx.query('SELECT 1 FROM networks WHERE code = $1', [network])) as unknown[];
      if (!known) return; // nothing to chain a command for an unknown network to
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit_log:${network}`]);
      const [last] = (await tx.query('SELECT seq, hash FROM audit_log WHERE network_code = $1 ORDER BY seq DESC LIMIT 1', [network])) as {
        seq: string;
        hash: string;
      }[];
      const record: AuditRecord = {
        networkCode: network,
        seq: last ? Number(last.seq) + 1 : 1,
        at: new Date().toISOString(),
        requestId: req.requestId ?? 'unknown',
        actorRole: principal?.role ?? null,
        actorAgency: principal?.agency ?? null,
        keyId: principal?.keyId ?? null,
        command: `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`,
        target: typeof req.params.id === 'string' ? req.params.id : null, // the task (or other resource) the command names
        payload: req.body ?? null,
        outcome: outcome.status < 400 ? 'accepted' : 'rejected',
        status: outcome.status,
        errorCode: outcome.errorCode,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      await tx.query(
        `INSERT INTO audit_log (network_code, seq, at, request_id, actor_role, actor_agency, key_id, command, target, payload,
                                outcome, status, error_code, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [record.networkCode, record.seq, record.at, record.requestId, record.actorRole, record.actorAgency, record.keyId, record.command,
          record.target, JSON.stringify(record.payload), record.outcome, record.status, record.errorCode, record.prevHash, auditHash(record)],
      );
    });
  }

  /** For the exception filter: an audit write must not turn a 4xx into a 500, but it must not vanish silently. */
  async recordQuietly(req: Request, outcome: AuditOutcome): Promise<void> {
    try {
      await this.record(req, outcome);
    } catch (err) {
      this.logger.error(`Could not write the audit row of ${req.method} ${req.originalUrl} [${req.requestId}]: ${String(err)}`);
    }
  }
}
