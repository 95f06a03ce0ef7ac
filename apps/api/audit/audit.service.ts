import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';

import type { AuditSigner } from '../../../libs/audit/signing';
import type { Actor } from '../../../libs/domain/roles';
import { webhookLabel } from '../../../libs/notifications/webhook-target';
import { outsideLogContext } from '../../../libs/observability/log-context';
import {
  AuditEntry,
  AuditOutcomeName,
  AuditRecord,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
} from '../../../libs/persistence/audit-chain';
import { isPostgresDataError, isPostgresUnavailable } from '../../../libs/persistence/postgres-errors';
import { ErrorCode } from '../common/error-code';
import { storableCopy } from '../common/input-limits';
import { AUDIT_SIGNER, AuditAnchorsService } from '../audit-anchor/audit-anchors.service';

export interface AuditOutcome {
  readonly status: number;
  readonly errorCode: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The network whose chain a command without a network in its path goes to (a network being created). */
    auditNetwork?: string;
    /** The actor a handler sent its command with, when not the caller as the guard found them (a substitute's). */
    actedAs?: Actor;
  }
}

/** Commands are every request that may change something; reads are not audited. */
export function isCommand(req: Request): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}

const RETRY_MS = { first: 500, max: 10_000 } as const;
/** Rows one process holds for PostgreSQL at most (then new ones are logged and dropped: memory is not unbounded). */
const MAX_WAITING = 10_000;
/** Attempts at a row PostgreSQL answers but will not take (a missing grant, a constraint), before it is set aside. */
const MAX_REFUSALS = 5;

/**
 * Appends commands to the network's hash chain. One transaction per row holds a per-network advisory lock, so
 * concurrent commands chain one after the other instead of forking the chain.
 *
 * A row whose write fails (PostgreSQL unavailable, a connection broken mid-write) is not dropped: it waits in this
 * process, in order, and is written as soon as PostgreSQL takes it (the answer to its command does not wait). What a process that dies
 * meanwhile held is not lost either: every accepted Update is in its workflow's history with its request id, and
 * reconciliation (GET …/audit-log/reconcile, settled by POST …/reconcile/settle) writes the rows it finds missing.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('audit');
  private readonly waiting: AuditEntry[] = [];
  private flushing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number = RETRY_MS.first;
  private refusals = 0;
  private dropped = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_SIGNER) private readonly signer: AuditSigner,
    private readonly anchors: AuditAnchorsService,
  ) {}

  /** Rows kept in memory until PostgreSQL is back (for /health). */
  get waitingRows(): number {
    return this.waiting.length;
  }

  /** Records a command's outcome; never throws: a failed write waits for PostgreSQL, or is logged if it never can be. */
  async record(req: Request, outcome: AuditOutcome): Promise<void> {
    const network = req.auditNetwork ?? (typeof req.params?.network === 'string' ? req.params.network : undefined);
    if (!network || !isCommand(req) || req.audited) return;
    req.audited = true;
    // A key of another network was answered 404 here: its row names no actor of this network, as a request without a
    // valid key (and its body is kept as a digest), so one network's keys cannot write their identity into another's log.
    // The actor the command went with when its handler named one (a substitute acting for an absent person's agency).
    const principal: (Omit<Actor, 'role'> & { role: string }) | undefined =
      req.principal?.network === network
        ? (req.actedAs ?? req.principal)
        : req.administrator && { ...req.administrator, role: 'administrator' };
    const command = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    const entry: AuditEntry = {
      networkCode: network,
      at: new Date().toISOString(),
      requestId: req.requestId ?? 'unknown',
      actorRole: principal?.role ?? null,
      actorAgency: principal?.agency ?? null,
      keyId: principal?.keyId ?? null,
      personId: principal?.personId,
      actorPerson: principal?.person,
      onBehalfOfId: principal?.onBehalfOfId,
      onBehalfOf: principal?.onBehalfOf,
      command,
      // The task (or other resource) the command names, and its body: as they came once the input guard passed them,
      // else as far as PostgreSQL can store them. A body without a valid key is kept as its digest only: the log is no
      // free storage for whoever has no key.
      target:
        typeof req.params.id === 'string'
          ? req.inputAccepted
            ? req.params.id
            : (storableCopy(req.params.id) as string)
          : null,
      payload: !principal
        ? digestOf(req.body)
        : withoutCredentials(command, req.inputAccepted ? (req.body ?? null) : storableCopy(req.body ?? null)),
      outcome: outcomeOf(outcome),
      status: outcome.status,
      errorCode: outcome.errorCode,
    };
    if (this.waiting.length > 0) return this.wait(entry); // keep the order of the rows already waiting
    try {
      await this.append(entry);
    } catch (err) {
      this.onFailure(entry, err);
    }
  }

  /**
   * Appends a row to its network's chain; false when the network is unknown (nothing to chain to). Unless it is
   * there already: `retry`, a write whose outcome is unknown (its connection broke, perhaps after the commit);
   * `oncePerRequestId`, a row whose request id is its identity (a settlement).
   */
  async append(entry: AuditEntry, unless: { retry?: boolean; oncePerRequestId?: boolean } = {}): Promise<boolean> {
    return this.dataSource
      .transaction(async (tx) => {
        const [known] = (await tx.query('SELECT 1 FROM networks WHERE code = $1', [entry.networkCode])) as unknown[];
        if (!known) return false;
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit_log:${entry.networkCode}`]);
        const [last] = (await tx.query(
          'SELECT seq, hash FROM audit_log WHERE network_code = $1 ORDER BY seq DESC LIMIT 1',
          [entry.networkCode],
        )) as {
          seq: string;
          hash: string;
        }[];
        if (unless.oncePerRequestId) {
          const [there] = (await tx.query(
            'SELECT 1 FROM audit_log WHERE network_code = $1 AND request_id = $2 LIMIT 1',
            [entry.networkCode, entry.requestId],
          )) as unknown[];
          if (there) return true;
        }
        if (unless.retry && last) {
          // Among the newest rows: one that committed before its connection broke was written moments ago.
          const [written] = (await tx.query(
            'SELECT 1 FROM audit_log WHERE network_code = $1 AND seq > $2 AND request_id = $3 AND at = $4 AND command = $5',
            [entry.networkCode, Number(last.seq) - 10_000, entry.requestId, entry.at, entry.command],
          )) as unknown[];
          if (written) return true;
        }
        const record: AuditRecord = {
          ...entry,
          seq: last ? Number(last.seq) + 1 : 1,
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        const hash = auditHash(record);
        await tx.query(
          `INSERT INTO audit_log (network_code, seq, at, request_id, actor_role, actor_agency, key_id, command, target, payload,
                                outcome, status, error_code, prev_hash, hash, signature, person_id, actor_person,
                                on_behalf_of_id, on_behalf_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
          [
            record.networkCode,
            record.seq,
            record.at,
            record.requestId,
            record.actorRole,
            record.actorAgency,
            record.keyId,
            record.command,
            record.target,
            JSON.stringify(record.payload),
            record.outcome,
            record.status,
            record.errorCode,
            record.prevHash,
            hash,
            this.signer.sign(hash),
            record.personId ?? null,
            record.actorPerson ?? null,
            record.onBehalfOfId ?? null,
            record.onBehalfOf ?? null,
          ],
        );
        return true;
      })
      .then((appended) => {
        if (appended) this.anchors.ensureAnchored(entry.networkCode);
        return appended;
      });
  }

  /**
   * Any failure but a refused value is waited out: whatever broke (the server, the connection, the pool), the write is
   * tried again, and the retry finds a write that did commit.
   */
  private onFailure(entry: AuditEntry, err: unknown): void {
    if (!isPostgresDataError(err)) return this.wait(entry);
    this.logger.error(
      `PostgreSQL refused the audit row of ${entry.command} [${entry.requestId}] (${entry.outcome}): ${String(err)}; reconciliation reports it if its command took effect`,
    );
  }

  private wait(entry: AuditEntry): void {
    if (this.waiting.length >= MAX_WAITING) {
      if (this.dropped++ % 1000 === 0)
        this.logger.error(
          `${this.waiting.length} audit rows already wait for PostgreSQL: dropping ${entry.command} [${entry.requestId}] (${this.dropped} dropped so far); reconciliation recovers accepted Updates`,
        );
      return;
    }
    this.waiting.push(entry);
    if (this.waiting.length === 1 || this.waiting.length % 100 === 0) {
      this.logger.warn(
        `PostgreSQL did not take an audit row: ${this.waiting.length} audit row(s) wait in this process and are written when it is back`,
      );
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.retryTimer || this.flushing) return;
    // Not as the request whose row failed first: the flush writes every waiting request's rows, and logs for none.
    this.retryTimer = outsideLogContext(() =>
      setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, this.retryMs),
    );
    this.retryTimer.unref();
  }

  /** Writes the waiting rows in order; stops at the first that still cannot be written and tries again later. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        while (this.waiting.length > 0) {
          try {
            await this.append(this.waiting[0], { retry: true });
          } catch (err) {
            // Waited out while PostgreSQL is away; a refusal of the row itself only a few times, then set aside.
            const refused =
              isPostgresDataError(err) || (!isPostgresUnavailable(err) && ++this.refusals >= MAX_REFUSALS);
            if (!refused) {
              this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
              return;
            }
            this.logger.error(
              `PostgreSQL refused the audit row of ${this.waiting[0].command} [${this.waiting[0].requestId}], set aside: ${String(err)}`,
            );
          }
          this.refusals = 0;
          this.waiting.shift();
          if (this.waiting.length === 0) this.logger.log('PostgreSQL is back: every audit row that waited is written');
        }
        this.retryMs = RETRY_MS.first;
      } finally {
        this.flushing = undefined;
        if (this.waiting.length > 0) this.scheduleFlush();
      }
    })();
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.waiting.length > 0) await this.flush();
    if (this.waiting.length > 0) {
      this.logger.error(
        `Stopping with ${this.waiting.length} audit row(s) not written (PostgreSQL unavailable): request ids ${this.waiting.map((e) => e.requestId).join(', ')}. ` +
          "Accepted ones are in their workflows' histories: POST /networks/{network}/audit-log/reconcile/settle writes them.",
      );
    }
  }
}

function digestOf(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  return {
    notKept: 'sent without a valid API key',
    sha256: createHash('sha256')
      .update(canonicalJson(storableCopy(body)))
      .digest('hex'),
  };
}

function outcomeOf(o: AuditOutcome): AuditOutcomeName {
  if (o.errorCode === ErrorCode.OUTCOME_UNKNOWN) return 'unknown'; // the command reached Temporal, its answer did not come back
  return o.status < 400 ? 'accepted' : 'rejected';
}

/**
 * A command's body as the log keeps it: a webhook's URL by its origin only, since a chat tool's incoming-webhook URL
 * is itself the credential that posts to the channel, and the log is read by every auditor, for ever.
 */
function withoutCredentials(command: string, body: unknown): unknown {
  if (
    command === 'POST /networks/:network/webhooks' &&
    body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    typeof (body as { url?: unknown }).url === 'string'
  )
    return { ...body, url: webhookLabel((body as { url: string }).url) };
  return body;
}
