import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AnnualCycleScheduleDto, ScheduleAnnualCycleDto } from './schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('networks/:network/schedules/annual-cycle')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Put()
  @ApiOperation({
    summary:
      "Create or update the yearly schedule that starts next year's cycle; the same settings again change nothing.",
  })
  @ApiOkResponse({ type: AnnualCycleScheduleDto })
  upsert(
    @Param('network') network: string,
    @Body() dto: ScheduleAnnualCycleDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<AnnualCycleScheduleDto> {
    return this.schedules.upsert(network, dto, by);
  }

  @Get()
  @ApiOkResponse({ type: AnnualCycleScheduleDto })
  read(@Param('network') network: string): Promise<AnnualCycleScheduleDto> {
    return this.schedules.read(network);
  }
}
