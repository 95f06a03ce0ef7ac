import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import type { AnnualCycleInput } from '../../../libs/processes/annual-cycle/annual-cycle';
import { calendarWithMeetings, resolveCalendar } from '../../../libs/domain/calendar';
import { CycleEntity, PlanActivityEntity, PlanRevisionEntity } from '../../../libs/persistence/entities';
import {
  ExtendedDeadline,
  PHASE_DEADLINE_NAMES,
  PhaseDeadline,
} from '../../../libs/processes/annual-cycle/deadline-extension';
import { annualCycleWorkflowId } from '../../../libs/processes/annual-cycle/ids';
import { extendDeadlineUpdate } from '../../../libs/processes/annual-cycle/messages';
import type { annualCycleWorkflow } from '../../../workflows/annual-cycle.workflow';
import { actorOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { afterFirstProjection } from '../common/read-your-writes';
import { CycleDto, ExtendDeadlineDto, PlanDto, StartCycleDto, StartedCycleDto } from './cycle.dto';

@Injectable()
export class CyclesService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
    @InjectRepository(PlanRevisionEntity) private readonly revisions: Repository<PlanRevisionEntity>,
    @InjectRepository(PlanActivityEntity) private readonly activities: Repository<PlanActivityEntity>,
  ) {}

  /** Starts `annual-cycle:{network}:{year}`; the workflow itself writes the read model that the GETs return. */
  async start(network: string, dto: StartCycleDto, by: Principal): Promise<StartedCycleDto> {
    const resolved = resolveCalendar(dto.year, dto.calendar);
    if (!resolved.ok) throw AppError.validation(resolved.errors);
    const { calendar } = resolved;
    if (Date.parse(calendar.end) <= Date.now()) {
      const field = dto.calendar?.end !== undefined ? 'calendar.end' : 'year';
      throw AppError.validation([
        { field, message: `must give a cycle that has not ended (it ended at ${calendar.end})` },
      ]);
    }
    const workflowId = annualCycleWorkflowId(network, dto.year);
    // Temporal forgets closed workflows after its retention period; the read model remembers the year for good.
    if (await this.cycles.existsBy({ networkCode: network, year: dto.year }))
      throw alreadyStarted(network, dto.year, workflowId);
    const input: AnnualCycleInput = {
      network,
      year: dto.year,
      calendar,
      startedBy: actorOf(by),
      linkedProcesses: dto.meetingsAndRounds ?? true,
    };
    // One cycle per network and year, ever: a closed or failed one is not started again under the same id.
    const handle = await this.temporal.startProcess<typeof annualCycleWorkflow>(
      'annual-cycle',
      { workflowId, taskQueue: this.temporal.taskQueue, args: [input] },
      { network, year: dto.year, onDuplicate: () => alreadyStarted(network, dto.year, workflowId) },
    );
    // After the 201, the caller's next request must find the cycle: answer once its first row is written (bounded).
    await afterFirstProjection(
      async () => (await this.cycles.findOneBy({ networkCode: network, year: dto.year })) ?? undefined,
      () => null,
    );
    return {
      network,
      year: dto.year,
      workflowId,
      runId: handle.firstExecutionRunId,
      calendar: calendarWithMeetings(calendar),
      startedBy: by.agency ?? by.role,
    };
  }

  async get(network: string, year: number): Promise<CycleDto> {
    const row = await this.cycles.findOneBy({ networkCode: network, year });
    if (!row) throw new AppError(ErrorCode.CYCLE_NOT_FOUND, `Network "${network}" has no ${year} cycle`);
    return toDto(row);
  }

  /** Every revision of the year's work plan and the endorsed plan's activities with their progress. */
  async plan(network: string, year: number): Promise<PlanDto> {
    await this.get(network, year);
    const [revisions, activities] = await Promise.all([
      this.revisions.find({ where: { networkCode: network, year }, order: { revision: 'ASC' } }),
      this.activities.find({ where: { networkCode: network, year }, order: { id: 'ASC' } }),
    ]);
    return {
      revisions: revisions.map(({ networkCode: _n, year: _y, cycleRevision: _c, ...r }) => r),
      activities: activities.map(({ networkCode: _n, year: _y, cycleRevision: _c, ...a }) => a),
    };
  }

  /**
   * The coordinator moves one of the cycle's deadlines later: an Update to the cycle, which moves the calendar's date
   * and extends the open tasks due by it (their timers move durably), so the phase closes later too.
   */
  async extendDeadline(
    network: string,
    year: number,
    deadline: string,
    dto: ExtendDeadlineDto,
    by: Principal,
  ): Promise<ExtendedDeadline> {
    if (!(PHASE_DEADLINE_NAMES as string[]).includes(deadline))
      throw AppError.validation([{ field: 'deadline', message: `must be one of ${PHASE_DEADLINE_NAMES.join(', ')}` }]);
    const row = await this.get(network, year);
    return this.temporal.update(row.workflowId, extendDeadlineUpdate, {
      deadline: deadline as PhaseDeadline,
      until: new Date(Date.parse(dto.until)).toISOString(), // the workflow gets an instant, never a local time
      by: actorOf(by),
      reason: dto.reason,
    });
  }

  async list(network: string): Promise<CycleDto[]> {
    const rows = await this.cycles.find({ where: { networkCode: network }, order: { year: 'DESC' } });
    return rows.map(toDto);
  }
}

function alreadyStarted(network: string, year: number, workflowId: string): AppError {
  return new AppError(
    ErrorCode.CYCLE_ALREADY_STARTED,
    `The ${year} cycle of network "${network}" has already been started (${workflowId})`,
  );
}

function toDto(row: CycleEntity): CycleDto {
  return {
    network: row.networkCode,
    year: row.year,
    workflowId: row.workflowId,
    phase: row.phase,
    calendar: calendarWithMeetings(row.calendar),
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    closedAt: isoOrNull(row.closedAt),
    phaseEnteredAt: isoOrNull(row.phaseEnteredAt),
    planRevision: row.planRevision,
    report: row.report,
  };
}
