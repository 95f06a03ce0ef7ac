import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ActionItemQueryDto, ConveneMeetingDto, MeetingQueryDto, ReasonDto, RescheduleMeetingDto } from './meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('networks/:network')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('meetings')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Convene an ad-hoc meeting (quarterly meetings are started by the annual cycle)' })
  convene(@Param('network') network: string, @Body() dto: ConveneMeetingDto, @CurrentPrincipal() by: Principal) {
    return this.meetings.convene(network, dto, by);
  }

  @Get('meetings')
  @ApiOperation({ summary: "The network's meetings, in date order" })
  list(@Param('network') network: string, @Query() query: MeetingQueryDto) {
    return this.meetings.list(network, query);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'A meeting: agenda with the source of each item, attendance, minutes, decisions, minutes reviews, action items' })
  get(@Param('network') network: string, @Param('id') id: string) {
    return this.meetings.get(network, id);
  }

  @Post('meetings/:id/reschedule')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Move a meeting not yet held, with a reason' })
  reschedule(@Param('network') network: string, @Param('id') id: string, @Body() dto: RescheduleMeetingDto, @CurrentPrincipal() by: Principal) {
    return this.meetings.reschedule(network, id, dto, by);
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Cancel a meeting not yet held, with a reason; its open tasks close' })
  cancel(@Param('network') network: string, @Param('id') id: string, @Body() dto: ReasonDto, @CurrentPrincipal() by: Principal) {
    return this.meetings.cancel(network, id, dto, by);
  }

  @Get('action-items')
  @ApiOperation({ summary: 'Action items of every meeting, by owner, status, and whether overdue' })
  actionItems(@Param('network') network: string, @Query() query: ActionItemQueryDto) {
    return this.meetings.listActionItems(network, query);
  }

  @Post('action-items/:id/drop')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Drop an open action item, with a reason: it is no longer carried to agendas' })
  drop(@Param('network') network: string, @Param('id') id: string, @Body() dto: ReasonDto, @CurrentPrincipal() by: Principal) {
    return this.meetings.dropActionItem(network, id, dto, by);
  }
}
