import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import {
  CycleDto,
  CycleListDto,
  ExtendDeadlineDto,
  ExtendedDeadlineDto,
  PlanDto,
  StartCycleDto,
  StartedCycleDto,
} from './cycle.dto';
import { CyclesService } from './cycles.service';
import { ParseYearPipe } from './parse-year.pipe';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('networks/:network/cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Start a year's annual cycle (coordinator). 409 if that year was started before." })
  @ApiCreatedResponse({ type: StartedCycleDto })
  start(
    @Param('network') network: string,
    @Body() dto: StartCycleDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<StartedCycleDto> {
    return this.cycles.start(network, dto, by);
  }

  @Get()
  @ApiOperation({ summary: "The network's cycles, newest year first" })
  @ApiOkResponse({ type: CycleListDto })
  async list(@Param('network') network: string): Promise<CycleListDto> {
    return { items: await this.cycles.list(network) };
  }

  @Get(':year')
  @ApiOperation({ summary: 'One cycle, as its workflow last projected it' })
  @ApiOkResponse({ type: CycleDto })
  get(@Param('network') network: string, @Param('year', ParseYearPipe) year: number): Promise<CycleDto> {
    return this.cycles.get(network, year);
  }

  @Post(':year/deadlines/:deadline/extend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Moves a deadline of the cycle's calendar later, with a reason (planningDue, consolidationDue, endorsementDue, reviewDue): the open tasks due by it are extended to it, their reminders, escalations and expiries with them, and the phase closes later",
  })
  @ApiOkResponse({ type: ExtendedDeadlineDto })
  extendDeadline(
    @Param('network') network: string,
    @Param('year', ParseYearPipe) year: number,
    @Param('deadline') deadline: string,
    @Body() dto: ExtendDeadlineDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ExtendedDeadlineDto> {
    return this.cycles.extendDeadline(network, year, deadline, dto, by);
  }

  @Get(':year/plan')
  @ApiOperation({
    summary:
      "The year's work plan: every revision with its objections, and the endorsed activities with their progress",
  })
  @ApiOkResponse({ type: PlanDto })
  plan(@Param('network') network: string, @Param('year', ParseYearPipe) year: number): Promise<PlanDto> {
    return this.cycles.plan(network, year);
  }
}
