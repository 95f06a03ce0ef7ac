import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';

import { defaultCalendar } from '../../../libs/domain/calendar';
import { DEFAULT_OFFSETS } from '../../../libs/domain/calendar';
import { TwgRoundInput, twgRoundWorkflowId } from '../../../libs/processes/twg-round/twg-round';
import { ImpedimentEntity, NetworkEntity, TwgEntity, TwgRoundEntity } from '../../../libs/persistence/entities';
import type { twgRoundWorkflow } from '../../../workflows/twg-round.workflow';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { ImpedimentQueryDto, StartTwgRoundDto } from './twg-round.dto';

/** TWG reporting rounds and the impediments they raise. */
@Injectable()
export class TwgRoundsService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(TwgEntity) private readonly twgs: Repository<TwgEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(TwgRoundEntity) private readonly rounds: Repository<TwgRoundEntity>,
    @InjectRepository(ImpedimentEntity) private readonly impediments: Repository<ImpedimentEntity>,
  ) {}

  /** Starts a round by hand (until the annual cycle starts them from its calendar): 409 if it was started before. */
  async start(network: string, code: string, dto: StartTwgRoundDto) {
    const twg = await this.activeTwg(network, code);
    const { timeZone } = await this.networks.findOneByOrFail({ code: network });
    const period = defaultCalendar(dto.year, timeZone).periods[dto.period - 1];
    const start = dto.start ?? period.start;
    const end = dto.end ?? period.end;
    if (!(Date.parse(end) > Date.now()) || !(Date.parse(end) > Date.parse(start))) {
      throw AppError.validation([{ field: 'end', message: 'must be in the future and after start' }]);
    }
    const span = Date.parse(end) - Date.parse(start);
    const input: TwgRoundInput = {
      network,
      twg: { code: twg.code, leadAgency: twg.leadAgency, memberAgencies: twg.memberAgencies },
      year: dto.year,
      period: dto.period,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      // A real period is two months; a shorter one (a demo, a test) scales its reminder and escalation with it.
      offsets: {
        reminderBeforeMs: Math.min(DEFAULT_OFFSETS.reminderBeforeMs, Math.round(span / 4)),
        escalationAfterMs: Math.min(DEFAULT_OFFSETS.escalationAfterMs, Math.round(span / 4)),
      },
    };
    const workflowId = twgRoundWorkflowId(network, twg.code, dto.year, dto.period);
    await this.temporal.startProcess<typeof twgRoundWorkflow>(
      'twg-round',
      { workflowId, taskQueue: this.temporal.taskQueue, args: [input] },
      {
        network,
        year: dto.year,
        onDuplicate: () => new AppError(ErrorCode.ROUND_ALREADY_STARTED, `Round ${workflowId} was started before`),
      },
    );
    return { id: workflowId, twg: twg.code, year: dto.year, period: dto.period, start: input.start, end: input.end };
  }

  async list(network: string, code: string) {
    const rows = await this.rounds.find({
      where: { networkCode: network, twg: code },
      order: { year: 'DESC', period: 'DESC' },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        twg: r.twg,
        year: r.year,
        period: r.period,
        status: r.status,
        start: r.periodStart.toISOString(),
        end: r.periodEnd.toISOString(),
        updates: r.updates,
        report: r.report,
        closedAt: isoOrNull(r.closedAt),
        cancelledReason: r.cancelledReason,
      })),
    };
  }

  async listImpediments(network: string, query: ImpedimentQueryDto) {
    const where: FindOptionsWhere<ImpedimentEntity> = { networkCode: network };
    if (query.status) where.status = query.status;
    if (query.target) where.target = query.target as ImpedimentEntity['target'];
    if (query.twg) where.twg = query.twg;
    const rows = await this.impediments.find({ where, order: { raisedAt: 'ASC', id: 'ASC' } });
    return {
      items: rows.map(({ networkCode: _n, raisedAt, statusAt, ...r }) => ({
        ...r,
        raisedAt: raisedAt.toISOString(),
        statusAt: isoOrNull(statusAt),
      })),
    };
  }

  private async activeTwg(network: string, code: string): Promise<TwgEntity> {
    const twg = await this.twgs.findOneBy({ networkCode: network, code });
    if (!twg) throw new AppError(ErrorCode.TWG_NOT_FOUND, `Network "${network}" has no TWG ${code}`);
    if (twg.abolishedOn) throw new AppError(ErrorCode.PHASE_CLOSED, `TWG ${code} was abolished; it gets no new rounds`);
    return twg;
  }
}
