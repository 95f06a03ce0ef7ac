import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';

import { auditBundle } from '../../../libs/audit/bundle';
import { describeHistory, ParsedHistory } from '../../../libs/audit/history-file';
import { tarGz } from '../../../libs/audit/tar';
import { stateAt, timeline } from '../../../libs/audit/timeline';
import type { Config } from '../../../libs/config/config';
import { decisionWorkflowId } from '../../../libs/processes/decision/decision';
import { meetingWorkflowId } from '../../../libs/processes/meeting/meeting';
import { TASK_KINDS } from '../../../libs/domain/tasks';
import { listRuns } from '../../../libs/temporal/visibility';
import { AuditEntry, auditRecordFromRow, Query, readAuditLog } from '../../../libs/persistence/audit-chain';
import type { AuditSigner } from '../../../libs/audit/signing';
import { auditAnchorWorkflowId } from '../../../libs/processes/audit-anchor/ids';
import { CONFIG } from '../../common/config.token';
import { AUDIT_SIGNER, AuditAnchorsService } from '../audit-anchor/audit-anchors.service';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { HistoryQueryDto } from './auditor.dto';

const GRPC_NOT_FOUND = 5; // fetchHistory reports an unknown workflow as the bare gRPC status

/** A network's workflow histories, from Temporal itself: its visibility for the list, its event history for the rest. */
@Injectable()
export class HistoriesService {
  constructor(
    private readonly temporal: TemporalClientService,
    @Inject(CONFIG) private readonly config: Config,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchorsService,
    @Inject(AUDIT_SIGNER) private readonly signer: AuditSigner,
  ) {}

  private readonly query: Query = (sql, params) => this.dataSource.query(sql, params);

  /**
   * The domain events the history holds (replayed with the deployed code, folded with its reducers), with the commands
   * the API refused for this process shown in place from the audit log, marked `rejected`.
   */
  async timeline(network: string, workflowId: string) {
    const h = await this.parsed(network, workflowId);
    const events = (await timeline(h, await auditBundle(this.config.workflowBundlePath))).map((e) => ({
      ...e,
      rejected: false as const,
    }));
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit_log WHERE network_code = $1 AND outcome = 'rejected' ORDER BY seq`,
      [network],
    )) as Record<string, unknown>[];
    const refused = rows
      .map(auditRecordFromRow)
      .filter(
        (r) =>
          r.target !== null &&
          [r.target, decisionWorkflowId(network, r.target), meetingWorkflowId(network, r.target)].some(
            (t) => t === workflowId || t.startsWith(`${workflowId}:`),
          ),
      )
      .map((r) => ({
        eventId: null,
        at: r.at,
        type: 'CommandRejected',
        agency: r.actorAgency,
        role: r.actorRole,
        keyId: r.keyId,
        person: r.actorPerson ?? null,
        personId: r.personId ?? null,
        onBehalfOf: r.onBehalfOf ?? null,
        onBehalfOfId: r.onBehalfOfId ?? null,
        what: `${r.command} ${r.target}: ${r.status} ${r.errorCode}`,
        facts: null,
        statusAfter: null,
        rejected: true as const,
        requestId: r.requestId,
      }));
    return {
      workflowId,
      workflowType: h.workflowType,
      items: [...events, ...refused].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    };
  }

  /**
   * Reconciles the audit log with the histories of a year: every accepted command in the log that should have become
   * an Update (a task completed, a decision revised or withdrawn, a meeting moved or cancelled, an action item
   * dropped) and has no Update with its request id in its workflow's history; and every Update in a history that no
   * row of the log (accepted or refused) accounts for. The API sends each Update with the request id as its id.
   */
  async reconcile(network: string, year: number) {
    const runs = await this.runsOf(network, year);
    const ids = new Set(runs.map((r) => r.workflowId));
    const updates: {
      workflowId: string;
      updateId: string;
      requestId: string;
      name: string;
      eventId: number;
      at: string;
      actor: unknown;
    }[] = [];
    for (const { workflowId, runId } of runs) {
      // Every run: a cycle continued as new took its earlier Updates with its earlier runs.
      const history = await this.fetch(network, workflowId, runId);
      for (const e of history.events ?? []) {
        const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
        if (!accepted) continue;
        const updateId = accepted.acceptedRequest?.meta?.updateId ?? accepted.protocolInstanceId ?? '';
        updates.push({
          workflowId,
          updateId,
          requestId: requestOf(updateId),
          name: accepted.acceptedRequest?.input?.name ?? '',
          eventId: Number(e.eventId?.toString()),
          at: (optionalTsToDate(e.eventTime) ?? new Date(0)).toISOString(),
          actor: actorOfUpdate(accepted.acceptedRequest?.input?.args?.payloads?.[0]?.data),
        });
      }
    }
    const rows = await readAuditLog(this.query, network);
    // Rows a settlement already accounts for: the settled row's request id is the settlement's target.
    const settled = new Set(rows.filter((r) => r.command.startsWith('SETTLE ')).map((r) => r.target));
    const commands = rows
      .map((r) => ({ row: r, workflowId: updateTarget(network, r.command, r.target) }))
      .filter(
        (c): c is { row: (typeof rows)[number]; workflowId: string } =>
          c.workflowId !== undefined && ids.has(c.workflowId),
      );
    const updateOf = new Map(updates.map((u) => [`${u.workflowId} ${u.requestId}`, u]));
    const requestIds = new Set(rows.map((r) => r.requestId));
    const brief = ({ row, workflowId }: (typeof commands)[number]) => ({
      seq: row.seq,
      requestId: row.requestId,
      at: row.at,
      command: row.command,
      target: row.target,
      outcome: row.outcome,
      workflowId,
    });
    const settledLong = Date.now() - UNKNOWN_SETTLES_AFTER_MS;
    return {
      network,
      year,
      workflows: ids.size,
      updates: updates.length,
      acceptedCommands: commands.filter((c) => c.row.outcome === 'accepted').length,
      acceptedWithoutUpdate: commands
        .filter((c) => c.row.outcome === 'accepted' && !updateOf.has(`${c.workflowId} ${c.row.requestId}`))
        .map(brief),
      /** Logged rejected or unknown, yet the history holds the Update: it took effect. */
      acceptedButLoggedOtherwise: commands
        .filter(
          (c) =>
            c.row.outcome !== 'accepted' &&
            updateOf.has(`${c.workflowId} ${c.row.requestId}`) &&
            !settled.has(c.row.requestId),
        )
        .map((c) => ({ ...brief(c), updateEventId: updateOf.get(`${c.workflowId} ${c.row.requestId}`)!.eventId })),
      /** Logged unknown a while ago, and no Update in the history: it had no effect. */
      unknownWithoutUpdate: commands
        .filter(
          (c) =>
            c.row.outcome === 'unknown' &&
            !updateOf.has(`${c.workflowId} ${c.row.requestId}`) &&
            !settled.has(c.row.requestId) &&
            Date.parse(c.row.at) < settledLong,
        )
        .map(brief),
      // Older than a minute: a row is written just after its Update, or waits a while in an API process for PostgreSQL.
      updatesWithoutRow: updates.filter(
        (u) => !requestIds.has(u.requestId) && !settled.has(u.requestId) && Date.parse(u.at) < settledLong,
      ),
    };
  }

  /**
   * Settles what reconciliation found, by appending rows to the chain (nothing in it is ever changed): a command
   * logged rejected or unknown whose Update is in the history is settled `accepted`; one logged unknown with no
   * Update, `rejected`; an Update with no row at all (its row was lost with the API process that held it) gets its
   * row, with the actor the Update carried. Each settlement row names the request it settles as its target.
   */
  async settle(
    network: string,
    year: number,
    by: { role: string; agency?: string; keyId?: string; personId?: string; person?: string },
    append: (entry: AuditEntry) => Promise<unknown>,
  ) {
    const r = await this.reconcile(network, year);
    const base = {
      networkCode: network,
      actorRole: by.role,
      actorAgency: by.agency ?? null,
      keyId: by.keyId ?? null,
      personId: by.personId,
      actorPerson: by.person,
      status: 200,
      errorCode: null,
    };
    const entries: Omit<AuditEntry, 'at'>[] = [
      ...r.acceptedButLoggedOtherwise.map((c) => ({
        ...base,
        requestId: `settle:${c.requestId}`,
        command: 'SETTLE outcome',
        target: c.requestId,
        outcome: 'accepted' as const,
        payload: { settles: c.seq, was: c.outcome, workflowId: c.workflowId, updateEventId: c.updateEventId },
      })),
      ...r.unknownWithoutUpdate.map((c) => ({
        ...base,
        requestId: `settle:${c.requestId}`,
        command: 'SETTLE outcome',
        target: c.requestId,
        outcome: 'rejected' as const,
        payload: { settles: c.seq, was: c.outcome, workflowId: c.workflowId, updateEventId: null },
      })),
      ...r.updatesWithoutRow.map((u) => ({
        ...base,
        requestId: `settle:${u.requestId}`,
        command: 'SETTLE missing row',
        target: u.requestId,
        outcome: 'accepted' as const,
        payload: {
          workflowId: u.workflowId,
          updateId: u.updateId,
          update: u.name,
          updateEventId: u.eventId,
          at: u.at,
          actor: u.actor,
        },
      })),
    ];
    for (const entry of entries) await append({ ...entry, at: new Date().toISOString() });
    return {
      network,
      year,
      settled: entries.map((e) => ({ requestId: e.target, outcome: e.outcome, command: e.command })),
    };
  }

  /** Every run of every process of the network's year, oldest process first. */
  private async runsOf(network: string, year: number): Promise<{ workflowId: string; runId: string }[]> {
    const runs = await this.temporal.call(() => listRuns(this.temporal.client, { network, year }));
    return runs
      .sort((a, b) =>
        a.workflowId < b.workflowId
          ? -1
          : a.workflowId > b.workflowId
            ? 1
            : a.startTime.getTime() - b.startTime.getTime(),
      )
      .map(({ workflowId, runId }) => ({ workflowId, runId }));
  }

  /** The process's state as of a time or a history event, rebuilt with the workflow's own reducers. */
  async stateAt(network: string, workflowId: string, moment: { at?: string; event?: number }) {
    const found = await stateAt(
      await this.parsed(network, workflowId),
      await auditBundle(this.config.workflowBundlePath),
      moment,
    );
    if (!found)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `${workflowId} had no state yet at that moment`, [
        { field: moment.at !== undefined ? 'at' : 'event', message: 'is before the process began' },
      ]);
    return { workflowId, asOf: { eventId: found.eventId, at: found.at }, state: found.state };
  }

  private async parsed(network: string, workflowId: string): Promise<Extract<ParsedHistory, { ok: true }>> {
    const parsed = describeHistory(workflowId, await this.fetch(network, workflowId), workflowId);
    if (!parsed.ok)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `${workflowId}: ${parsed.reason}`, [
        { field: 'workflowId', message: parsed.reason },
      ]);
    return parsed;
  }

  async list(network: string, q: HistoryQueryDto) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const items: {
      workflowId: string;
      runId: string;
      type: string;
      status: string;
      startedAt: string;
      closedAt: string | null;
      events: number;
    }[] = [];
    const runs = await this.temporal.call(() => listRuns(this.temporal.client, { network, ...q }));
    for (const w of runs.slice((page - 1) * pageSize, page * pageSize)) {
      items.push({
        workflowId: w.workflowId,
        runId: w.runId,
        type: w.type,
        status: w.status.name,
        startedAt: w.startTime.toISOString(),
        closedAt: w.closeTime?.toISOString() ?? null,
        // Visibility counts a run's events when it closes; a running one's count comes from the run itself.
        events: w.status.name === 'RUNNING' ? await this.runningLength(w.workflowId, w.runId) : w.historyLength,
      });
    }
    return { items, page, pageSize, total: runs.length };
  }

  private async runningLength(workflowId: string, runId: string): Promise<number> {
    const described = await this.temporal.call(() =>
      this.temporal.client.workflow.getHandle(workflowId, runId).describe(),
    );
    return described.historyLength;
  }

  /** The history in Temporal's own JSON format (`temporal workflow show --output json`), for Temporal's tools and mignet's. */
  async history(network: string, workflowId: string): Promise<string> {
    return historyToJSON(await this.fetch(network, workflowId));
  }

  /** One run's history (the latest, without `runId`), if the workflow is the network's: 404 otherwise. */
  private async fetch(network: string, workflowId: string, runId?: string): Promise<temporal.api.history.v1.IHistory> {
    if (workflowId.split(':')[1] !== network) throw notFound(network, workflowId);
    try {
      return await this.temporal.call(() => this.temporal.client.workflow.getHandle(workflowId, runId).fetchHistory());
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND))
        throw notFound(network, workflowId);
      throw err;
    }
  }

  /**
   * A year's record, checkable offline (`mignet audit verify-export`): the histories of the year's processes, the
   * network's whole audit log with each row's signature, the histories of its anchor workflow (the heads recorded in
   * Temporal), the public key, and a manifest of every file's SHA-256 signed with the API's key. The anchors are read
   * before the log, so every head they recorded is in the log exported.
   */
  async export(network: string, year: number): Promise<{ fileName: string; archive: Buffer }> {
    const runs = await this.runsOf(network, year);
    const files: { name: string; content: Buffer }[] = [];
    const workflows: { workflowId: string; runId: string; file: string; events: number; sha256: string }[] = [];
    const add = (name: string, content: Buffer) => {
      files.push({ name, content });
      return createHash('sha256').update(content).digest('hex');
    };
    for (const { workflowId, runId } of runs) {
      const history = await this.fetch(network, workflowId, runId);
      const several = runs.filter((r) => r.workflowId === workflowId).length > 1;
      const file = `histories/${workflowId.replace(/:/g, '_')}${several ? `@${runId}` : ''}.json`;
      workflows.push({
        workflowId,
        runId,
        file,
        events: history.events?.length ?? 0,
        sha256: add(file, Buffer.from(historyToJSON(history))),
      });
    }
    const anchorRuns = await this.anchors.histories(network);
    const anchors = anchorRuns.map(({ runId, history }) => ({
      runId,
      file: `anchors/${auditAnchorWorkflowId(network).replace(/:/g, '_')}@${runId}.json`,
      content: Buffer.from(historyToJSON(history)),
    }));
    const anchorFiles = anchors.map((a) => ({ runId: a.runId, file: a.file, sha256: add(a.file, a.content) }));
    const rows = await readAuditLog(this.query, network);
    const auditLog = {
      file: 'audit-log.json',
      rows: rows.length,
      head: rows.length > 0 ? { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash } : null,
      sha256: add('audit-log.json', Buffer.from(JSON.stringify(rows, null, 1))),
    };
    const publicKey = {
      file: 'public-key.pem',
      algorithm: 'Ed25519',
      keyId: this.signer.keyId,
      sha256: add('public-key.pem', Buffer.from(this.signer.publicKeyPem)),
    };
    const exportedAt = new Date();
    const manifest = Buffer.from(
      JSON.stringify(
        { network, year, exportedAt: exportedAt.toISOString(), workflows, anchors: anchorFiles, auditLog, publicKey },
        null,
        2,
      ),
    );
    files.unshift(
      { name: 'manifest.json', content: manifest },
      { name: 'manifest.sig', content: Buffer.from(`${this.signer.sign(manifest)}\n`) },
    );
    return { fileName: `mignet-${network}-${year}-histories.tar.gz`, archive: tarGz(files, exportedAt) };
  }
}

/** The workflow an audited command sent an Update to, from its route and target; undefined for other commands. */
export function updateTarget(network: string, command: string, target: string | null): string | undefined {
  if (!target) return undefined;
  if (/^POST \/networks\/:network\/(tasks\/:id\/complete|action-items\/:id\/drop)$/.test(command)) {
    const kind = TASK_KINDS.find((k) => target.includes(`:${k}:`) || target.endsWith(`:${k}`));
    return kind ? target.slice(0, target.indexOf(`:${kind}`)) : undefined;
  }
  if (/^POST \/networks\/:network\/decisions\/:id\/(revise|withdraw)$/.test(command))
    return decisionWorkflowId(network, target);
  if (/^POST \/networks\/:network\/meetings\/:id\/(reschedule|cancel)$/.test(command))
    return meetingWorkflowId(network, target);
  return undefined;
}

/** An `unknown` outcome with no Update in the history is settled as no effect once it is this old (in flight before). */
const UNKNOWN_SETTLES_AFTER_MS = 60_000;

/** An Update id is the request id, '#', and a digest of the command (apps/api/temporal/temporal-client.service.ts). */
const requestOf = (updateId: string) =>
  updateId.includes('#') ? updateId.slice(0, updateId.lastIndexOf('#')) : updateId;

/** The `by` of a command an Update carried (json/plain payload, base64 in the history JSON), or null. */
function actorOfUpdate(data: unknown): unknown {
  try {
    const bytes =
      typeof data === 'string'
        ? Buffer.from(data, 'base64')
        : data instanceof Uint8Array
          ? Buffer.from(data)
          : undefined;
    return bytes ? ((JSON.parse(bytes.toString('utf8')) as { by?: unknown }).by ?? null) : null;
  } catch {
    return null;
  }
}

function notFound(network: string, workflowId: string): AppError {
  return new AppError(ErrorCode.WORKFLOW_NOT_FOUND, `Network "${network}" has no workflow ${workflowId}`);
}
