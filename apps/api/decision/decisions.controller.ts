import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import {
  CirculateDecisionDto,
  DecisionDto,
  DecisionListDto,
  ReviseDecisionDto,
  WithdrawDecisionDto,
} from './decision.dto';
import { DecisionsService } from './decisions.service';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('networks/:network/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Circulate a proposal by silence procedure: every member gets a concur-or-object task until the deadline',
  })
  @ApiCreatedResponse({ type: DecisionDto })
  circulate(
    @Param('network') network: string,
    @Body() dto: CirculateDecisionDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<DecisionDto> {
    return this.decisions.circulate(network, dto, by);
  }

  @Get()
  @ApiOkResponse({ type: DecisionListDto })
  list(@Param('network') network: string): Promise<DecisionListDto> {
    return this.decisions.list(network);
  }

  @Get(':id')
  @ApiOkResponse({ type: DecisionDto })
  get(@Param('network') network: string, @Param('id') id: string): Promise<DecisionDto> {
    return this.decisions.get(network, id);
  }

  @Post(':id/revise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Circulate an objected proposal again, revised: a new round; earlier objections are kept' })
  @ApiOkResponse({ type: DecisionDto })
  revise(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: ReviseDecisionDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<DecisionDto> {
    return this.decisions.revise(network, id, dto, by);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: DecisionDto })
  withdraw(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: WithdrawDecisionDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<DecisionDto> {
    return this.decisions.withdraw(network, id, dto, by);
  }
}
