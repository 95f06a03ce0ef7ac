import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { S } from '../common/schemas';
import { ActionItemQueryDto, ConveneMeetingDto, MeetingQueryDto, ReasonDto, RescheduleMeetingDto } from './meeting.dto';
import { MeetingsService } from './meetings.service';

const ACTION_ITEM = S.obj({
  id: S.str(),
  meeting: S.str(),
  title: S.str(),
  owner: S.str(),
  dueAt: S.time(),
  impediment: S.nullable(S.str()),
  status: S.str(),
  overdue: S.bool(),
  openedAt: S.time(),
  completedAt: S.nullable(S.time()),
  closedReason: S.nullable(S.str()),
  carriedTo: S.arr(S.str()),
});
const MEETING_CORE = {
  id: S.str(),
  workflowId: S.str(),
  kind: S.str({ enum: ['quarterly', 'adhoc'] }),
  title: S.str(),
  status: S.str(),
  scheduledAt: S.time(),
};
const MEETING = S.obj({
  ...MEETING_CORE,
  year: S.int(),
  quarter: S.nullable(S.int()),
  agendaCallAt: S.time(),
  agendaDueAt: S.time(),
  agendaPublishedAt: S.nullable(S.time()),
  agenda: S.arr(S.any()),
  attendance: S.arr(S.any()),
  minutes: S.arr(S.any()),
  decisions: S.arr(S.json()),
  minutesReviews: S.arr(S.any()),
  reschedules: S.arr(S.any()),
  cancelled: S.nullable(S.any()),
  heldAt: S.nullable(S.time()),
  adoptedAt: S.nullable(S.time()),
  actionItems: S.arr(ACTION_ITEM),
});

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('networks/:network')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('meetings')
  @ApiOperation({ summary: 'Convene an ad-hoc meeting (quarterly meetings are started by the annual cycle)' })
  @ApiCreatedResponse({ schema: S.obj({ ...MEETING_CORE, agendaCallAt: S.time(), agendaDueAt: S.time() }) })
  convene(@Param('network') network: string, @Body() dto: ConveneMeetingDto, @CurrentPrincipal() by: Principal) {
    return this.meetings.convene(network, dto, by);
  }

  @Get('meetings')
  @ApiOperation({ summary: "The network's meetings, in date order" })
  @ApiOkResponse({
    schema: S.items(
      S.obj({
        ...MEETING_CORE,
        year: S.int(),
        quarter: S.nullable(S.int()),
        heldAt: S.nullable(S.time()),
        adoptedAt: S.nullable(S.time()),
      }),
    ),
  })
  list(@Param('network') network: string, @Query() query: MeetingQueryDto) {
    return this.meetings.list(network, query);
  }

  @Get('meetings/:id')
  @ApiOperation({
    summary:
      'A meeting: agenda with the source of each item, attendance, minutes, decisions, minutes reviews, action items',
  })
  @ApiOkResponse({ schema: MEETING })
  get(@Param('network') network: string, @Param('id') id: string) {
    return this.meetings.get(network, id);
  }

  @Post('meetings/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a meeting not yet held, with a reason' })
  @ApiOkResponse({ schema: MEETING })
  reschedule(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: RescheduleMeetingDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.meetings.reschedule(network, id, dto, by);
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a meeting not yet held, with a reason; its open tasks close' })
  @ApiOkResponse({ schema: MEETING })
  cancel(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.meetings.cancel(network, id, dto, by);
  }

  @Get('action-items')
  @ApiOperation({ summary: 'Action items of every meeting, by owner, status, and whether overdue' })
  @ApiOkResponse({ schema: S.items(ACTION_ITEM) })
  actionItems(@Param('network') network: string, @Query() query: ActionItemQueryDto) {
    return this.meetings.listActionItems(network, query);
  }

  @Post('action-items/:id/drop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Drop an open action item, with a reason: it is no longer carried to agendas' })
  @ApiOkResponse({ schema: ACTION_ITEM })
  drop(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.meetings.dropActionItem(network, id, dto, by);
  }
}
