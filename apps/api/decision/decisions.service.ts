import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';

import type { FieldError } from '../../../libs/domain/field-error';
import { decisionWorkflowId } from '../../../libs/processes/decision/decision';
import type { DecisionInput, DecisionKind } from '../../../libs/processes/decision/decision';
import { AgencyEntity, CycleEntity, DecisionEntity, TwgEntity } from '../../../libs/persistence/entities';
import { reviseDecisionUpdate, withdrawDecisionUpdate } from '../../../libs/processes/decision/messages';
import type { decisionWorkflow } from '../../../workflows/decision.workflow';
import { actorOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { afterFirstProjection } from '../common/read-your-writes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import {
  CirculateDecisionDto,
  DecisionDto,
  DecisionListDto,
  ReviseDecisionDto,
  WithdrawDecisionDto,
} from './decision.dto';

const TWG_CODE = /^[a-z][a-z0-9-]{1,40}$/;

/** Decisions by silence procedure: circulated, revised and withdrawn through their workflow; read from PostgreSQL. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(TwgEntity) private readonly twgs: Repository<TwgEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
  ) {}

  /** The year a decision belongs to when it names none: the running cycle's (the earliest not closed), else this one. */
  private async networkYear(network: string): Promise<number> {
    const running = await this.cycles.findOne({
      where: { networkCode: network, phase: Not('CLOSED') },
      order: { year: 'ASC' },
    });
    return running?.year ?? new Date().getUTCFullYear();
  }

  async circulate(network: string, dto: CirculateDecisionDto, by: Principal): Promise<DecisionDto> {
    const deadline = await this.checkProposal(network, dto.kind, dto.payload, dto.deadline);
    const id = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
    const workflowId = decisionWorkflowId(network, id);
    const input: DecisionInput = {
      network,
      id,
      kind: dto.kind,
      title: dto.title,
      text: dto.text,
      payload: dto.payload,
      deadline,
      proposedBy: actorOf(by),
    };
    await this.temporal.startProcess<typeof decisionWorkflow>(
      'decision',
      { workflowId, taskQueue: this.temporal.taskQueue, args: [input] },
      // Ids carry random bits: a duplicate would be a bug, not a caller's mistake.
      {
        network,
        year: dto.year ?? (await this.networkYear(network)),
        onDuplicate: () => new AppError(ErrorCode.INTERNAL, `Decision id ${id} collided`),
      },
    );
    return afterFirstProjection(
      async () => {
        const row = await this.decisions.findOneBy({ networkCode: network, id });
        return row ? toDto(row) : undefined;
      },
      () => ({
        id,
        workflowId,
        kind: dto.kind,
        status: 'CIRCULATING',
        round: 1,
        proposal: { title: dto.title, text: dto.text, payload: dto.payload, deadline },
        objections: [],
        circulatedAt: null,
        adoptedAt: null,
        withdrawn: null,
        effectAppliedAt: null,
        effectOutcome: null,
      }),
    );
  }

  async revise(network: string, id: string, dto: ReviseDecisionDto, by: Principal): Promise<DecisionDto> {
    const row = await this.row(network, id);
    const before = row.proposal!;
    const deadline = await this.checkProposal(network, row.kind, dto.payload ?? before.payload, dto.deadline);
    const proposal = {
      title: dto.title ?? before.title,
      text: dto.text ?? before.text,
      payload: dto.payload ?? before.payload,
      deadline,
    };
    await this.temporal.update(row.workflowId, reviseDecisionUpdate, { by: actorOf(by), proposal });
    return this.get(network, id);
  }

  async withdraw(network: string, id: string, dto: WithdrawDecisionDto, by: Principal): Promise<DecisionDto> {
    const row = await this.row(network, id);
    if (row.kind === 'adopt-minutes')
      throw new AppError(ErrorCode.PHASE_CLOSED, `Decision ${id} belongs to its meeting: correct the minutes there`);
    await this.temporal.update(row.workflowId, withdrawDecisionUpdate, { by: actorOf(by), reason: dto.reason });
    return this.get(network, id);
  }

  async get(network: string, id: string): Promise<DecisionDto> {
    return toDto(await this.row(network, id));
  }

  async list(network: string): Promise<DecisionListDto> {
    const rows = await this.decisions.find({
      where: { networkCode: network },
      order: { circulatedAt: 'DESC', id: 'DESC' },
    });
    return { items: rows.map(toDto) };
  }

  private async row(network: string, id: string): Promise<DecisionEntity> {
    const row = await this.decisions.findOneBy({ networkCode: network, id });
    if (!row) throw new AppError(ErrorCode.DECISION_NOT_FOUND, `Network "${network}" has no decision ${id}`);
    return row;
  }

  /** The deadline in the future and the payload fitting its kind and the registry; returns the deadline as ISO. */
  private async checkProposal(
    network: string,
    kind: DecisionKind,
    payload: unknown,
    deadline: string,
  ): Promise<string> {
    const errors: FieldError[] = [];
    const at = Date.parse(deadline);
    if (!(at > Date.now())) errors.push({ field: 'deadline', message: 'must be in the future' });
    const p = (payload ?? {}) as Record<string, unknown>;
    const members = (await this.agencies.find({ where: { networkCode: network } }))
      .filter((a) => a.leftAt === null)
      .map((a) => a.code);
    const text = (field: string) => {
      if (typeof p[field] !== 'string' || (p[field] as string).trim() === '')
        errors.push({ field: `payload.${field}`, message: 'must be a non-empty string' });
    };
    if (kind === 'establish-twg') {
      if (typeof p.code !== 'string' || !TWG_CODE.test(p.code))
        errors.push({ field: 'payload.code', message: 'must be a short lower-case code such as diaspora-remittances' });
      else if (await this.twgs.existsBy({ networkCode: network, code: p.code }))
        errors.push({ field: 'payload.code', message: `a TWG ${p.code} exists or existed` });
      text('name');
      text('thematicArea');
      if (typeof p.leadAgency !== 'string' || !members.includes(p.leadAgency))
        errors.push({ field: 'payload.leadAgency', message: 'must be a member agency' });
      const m = p.memberAgencies;
      if (!Array.isArray(m) || m.some((a) => !members.includes(a as string)) || !m.includes(p.leadAgency)) {
        errors.push({ field: 'payload.memberAgencies', message: 'must list member agencies, the lead among them' });
      }
    } else if (kind === 'abolish-twg') {
      const twg = typeof p.twg === 'string' ? await this.twgs.findOneBy({ networkCode: network, code: p.twg }) : null;
      if (!twg || twg.abolishedOn) errors.push({ field: 'payload.twg', message: 'must be the code of an active TWG' });
    } else if (kind === 'adopt-minutes') {
      errors.push({
        field: 'kind',
        message: 'adopt-minutes decisions are circulated by their meeting once it is recorded',
      });
    }
    if (errors.length > 0) throw AppError.validation(errors);
    return new Date(at).toISOString();
  }
}

function toDto(r: DecisionEntity): DecisionDto {
  return {
    id: r.id,
    workflowId: r.workflowId,
    kind: r.kind,
    status: r.status,
    round: r.round,
    proposal: r.proposal,
    objections: [...r.objections],
    circulatedAt: isoOrNull(r.circulatedAt),
    adoptedAt: isoOrNull(r.adoptedAt),
    withdrawn: r.withdrawn,
    effectAppliedAt: isoOrNull(r.effectAppliedAt),
    effectOutcome: r.effectOutcome,
  };
}
