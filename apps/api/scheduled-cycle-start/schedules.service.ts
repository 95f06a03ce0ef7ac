import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOptions } from '@temporalio/client';
import { Repository } from 'typeorm';

import { isValidTimeZone } from '../../../libs/domain/time-zone';
import { NetworkEntity } from '../../../libs/persistence/entities';
import type { ScheduledCycleStartInput } from '../../../workflows/scheduled-cycle-start.workflow';
import { actorOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { PROCESSES } from '../../../libs/processes/registry';
import { AnnualCycleScheduleDto, ScheduleAnnualCycleDto } from './schedule.dto';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const annualCycleScheduleId = (network: string) => `annual-cycle-schedule:${network}`;

/** The network's yearly Temporal Schedule that starts next year's annual cycle on a set day. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
  ) {}

  /** Creates or updates the schedule; calling it again with the same settings changes nothing ('unchanged'). */
  async upsert(network: string, dto: ScheduleAnnualCycleDto, by: Principal): Promise<AnnualCycleScheduleDto> {
    if (dto.day > DAYS_IN_MONTH[dto.month - 1]) {
      throw AppError.validation([
        { field: 'day', message: `must be 1 to ${DAYS_IN_MONTH[dto.month - 1]} in month ${dto.month}` },
      ]);
    }
    const timeZone = dto.timeZone ?? (await this.networks.findOneByOrFail({ code: network })).timeZone;
    if (!isValidTimeZone(timeZone))
      throw AppError.validation([{ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Dili' }]);
    const input: ScheduledCycleStartInput = {
      network,
      timeZone,
      startedBy: actorOf(by),
      schedule: { month: dto.month, day: dto.day, hour: dto.hour ?? 0 },
    };
    const options = this.options(network, input);
    const handle = this.temporal.client.schedule.getHandle(options.scheduleId);
    return this.temporal.call(async () => {
      try {
        const current = (await handle.describe()).action;
        const before =
          current.type === 'startWorkflow' ? (current.args?.[0] as ScheduledCycleStartInput | undefined) : undefined;
        if (before && before.timeZone === input.timeZone && sameSchedule(before.schedule, input.schedule))
          return this.read(network, 'unchanged');
        await handle.update((prev) => ({ ...prev, spec: options.spec, action: options.action }));
        return this.read(network, 'updated');
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
      try {
        await this.temporal.client.schedule.create(options);
        return this.read(network, 'created');
      } catch (err) {
        if (err instanceof ScheduleAlreadyRunning) return this.upsert(network, dto, by); // created meanwhile by another call
        throw err;
      }
    }, 'command');
  }

  async read(
    network: string,
    outcome: AnnualCycleScheduleDto['outcome'] = 'existing',
  ): Promise<AnnualCycleScheduleDto> {
    const scheduleId = annualCycleScheduleId(network);
    try {
      const desc = await this.temporal.call(() => this.temporal.client.schedule.getHandle(scheduleId).describe());
      const input =
        desc.action.type === 'startWorkflow'
          ? (desc.action.args?.[0] as ScheduledCycleStartInput | undefined)
          : undefined;
      if (!input) throw new Error(`schedule ${scheduleId} has no start-workflow action`);
      return {
        scheduleId,
        outcome,
        ...input.schedule,
        timeZone: input.timeZone,
        nextRuns: desc.info.nextActionTimes.map((d) => d.toISOString()),
      };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError)
        throw new AppError(ErrorCode.SCHEDULE_NOT_FOUND, `Network "${network}" has no yearly schedule`);
      throw err;
    }
  }

  private options(network: string, input: ScheduledCycleStartInput): ScheduleOptions {
    return {
      scheduleId: annualCycleScheduleId(network),
      spec: {
        calendars: [
          {
            month: MONTHS[input.schedule.month - 1],
            dayOfMonth: input.schedule.day,
            hour: input.schedule.hour,
            minute: 0,
            second: 0,
          },
        ],
        timezone: input.timeZone,
      },
      action: {
        type: 'startWorkflow',
        workflowType: PROCESSES['scheduled-cycle-start'].workflowType,
        workflowId: `scheduled-cycle-start:${network}`,
        taskQueue: this.temporal.taskQueue,
        args: [input],
      },
    };
  }
}

function sameSchedule(a: ScheduledCycleStartInput['schedule'], b: ScheduledCycleStartInput['schedule']): boolean {
  return a.month === b.month && a.day === b.day && a.hour === b.hour;
}
