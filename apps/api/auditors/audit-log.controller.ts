import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditSigner, trustedKeys } from '../../../libs/audit/signing';
import { auditRecordFromRow, verifyAuditLog } from '../../../libs/persistence/audit-chain';
import { AUDIT_SIGNER, AuditAnchorsService } from '../audit-anchor/audit-anchors.service';
import { AuditService } from '../audit/audit.service';
import { S } from '../common/schemas';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AuditLogQueryDto, ExportQueryDto } from './auditor.dto';
import { HistoriesService } from './histories.service';

const ROW = S.obj({
  networkCode: S.str(),
  seq: S.int(),
  at: S.time(),
  requestId: S.str(),
  actorRole: S.nullable(S.str()),
  actorAgency: S.nullable(S.str()),
  keyId: S.nullable(S.str()),
  personId: S.nullable(S.str()),
  actorPerson: S.nullable(S.str()),
  onBehalfOfId: S.nullable(S.str()),
  onBehalfOf: S.nullable(S.str()),
  command: S.str(),
  target: S.nullable(S.str()),
  payload: S.json(),
  outcome: S.str({ enum: ['accepted', 'rejected', 'unknown'] }),
  status: S.int(),
  errorCode: S.nullable(S.str()),
  prevHash: S.str(),
  hash: S.str(),
  signature: S.nullable(S.str()),
});
const COMMAND = S.obj({
  seq: S.int(),
  requestId: S.str(),
  at: S.time(),
  command: S.str(),
  target: S.nullable(S.str()),
  outcome: S.str(),
  workflowId: S.str(),
});
const ANCHOR = S.obj({ seq: S.int(), hash: S.str(), at: S.str() });

@ApiTags('auditors')
@ApiBearerAuth()
@Controller('networks/:network/audit-log')
export class AuditLogController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly histories: HistoriesService,
    private readonly audit: AuditService,
    private readonly anchors: AuditAnchorsService,
    @Inject(AUDIT_SIGNER) private readonly signer: AuditSigner,
  ) {}

  @Get('reconcile')
  @ApiOperation({
    summary: 'Accepted commands of a year with no Update in their history, and Updates with no row in the log',
  })
  @ApiOkResponse({
    schema: S.obj({
      network: S.str(),
      year: S.int(),
      workflows: S.int(),
      updates: S.int(),
      acceptedCommands: S.int(),
      acceptedWithoutUpdate: S.arr(COMMAND),
      acceptedButLoggedOtherwise: S.arr(COMMAND),
      unknownWithoutUpdate: S.arr(COMMAND),
      updatesWithoutRow: S.arr(
        S.obj({
          workflowId: S.str(),
          updateId: S.str(),
          requestId: S.str(),
          name: S.str(),
          eventId: S.int(),
          at: S.time(),
        }),
      ),
    }),
  })
  reconcile(@Param('network') network: string, @Query() q: ExportQueryDto) {
    return this.histories.reconcile(network, q.year);
  }

  @Post('reconcile/settle')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Appends a settlement row for each outcome reconciliation found wrong or missing (the chain itself is never changed)',
  })
  @ApiOkResponse({
    schema: S.obj({
      network: S.str(),
      year: S.int(),
      settled: S.arr(S.obj({ requestId: S.nullable(S.str()), outcome: S.str(), command: S.str() })),
    }),
  })
  settle(@Param('network') network: string, @Query() q: ExportQueryDto, @CurrentPrincipal() by: Principal) {
    // Under the network's chain lock, each settlement is written once, however many settle at the same time.
    return this.histories.settle(network, q.year, by, (entry) => this.audit.append(entry, { oncePerRequestId: true }));
  }

  @Get()
  @ApiOperation({
    summary: 'Every command the API received for the network, accepted or rejected, oldest first, paginated',
  })
  @ApiOkResponse({ schema: S.obj({ items: S.arr(ROW), page: S.int(), pageSize: S.int(), total: S.int() }) })
  async list(@Param('network') network: string, @Query() q: AuditLogQueryDto) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 100;
    const where = ['network_code = $1'];
    const params: unknown[] = [network];
    if (q.actor) where.push(`coalesce(actor_agency, actor_role) = $${params.push(q.actor)}`);
    if (q.since) where.push(`at >= $${params.push(new Date(q.since))}`);
    if (q.outcome) where.push(`outcome = $${params.push(q.outcome)}`);
    const query = (sql: string, p: unknown[]) => this.dataSource.query(sql, p) as Promise<Record<string, unknown>[]>;
    const [{ total }] = (await query(
      `SELECT count(*)::int AS total FROM audit_log WHERE ${where.join(' AND ')}`,
      params,
    )) as { total: number }[];
    const rows = await query(
      `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const items = rows.map(auditRecordFromRow).map((r) => ({
      ...r,
      personId: r.personId ?? null,
      actorPerson: r.actorPerson ?? null,
      onBehalfOfId: r.onBehalfOfId ?? null,
      onBehalfOf: r.onBehalfOf ?? null,
    }));
    return { items, page, pageSize, total };
  }

  @Get('verify')
  @ApiOperation({
    summary:
      "Walks the network's hash chain, checks each row's signature and every head recorded in Temporal, and names the first row that breaks it",
  })
  @ApiOkResponse({
    schema: S.obj({
      network: S.str(),
      rows: S.int(),
      intact: S.bool(),
      firstBreak: S.nullable(
        S.obj({ seq: S.int(), requestId: S.nullable(S.str()), at: S.nullable(S.str()), reason: S.str() }),
      ),
      signatures: S.nullable(S.obj({ signed: S.int(), unsigned: S.int() })),
      anchors: S.nullable(S.obj({ checked: S.int(), latest: S.nullable(ANCHOR) })),
    }),
  })
  async verify(@Param('network') network: string) {
    const found = await this.anchors.anchors(network);
    return verifyAuditLog((sql, p) => this.dataSource.query(sql, p), network, {
      keys: trustedKeys([this.signer.publicKeyPem]),
      ...('anchors' in found ? { anchors: found.anchors } : { anchorsNotChecked: found.notChecked }),
    });
  }

  @Get('public-key')
  @ApiParam({ name: 'network', example: 'tl' })
  @ApiOperation({ summary: "The public key (Ed25519, PEM) that verifies the log's rows and the network's exports" })
  @ApiOkResponse({ schema: S.obj({ algorithm: S.str({ enum: ['Ed25519'] }), keyId: S.str(), publicKeyPem: S.str() }) })
  publicKey() {
    return { algorithm: 'Ed25519', keyId: this.signer.keyId, publicKeyPem: this.signer.publicKeyPem };
  }
}
