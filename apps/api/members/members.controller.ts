import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../auth/auth.decorators';
import { ReasonDto } from '../meetings/meeting.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('networks/:network/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'The member agencies, with when each joined and left' })
  list(@Param('network') network: string) {
    return this.members.list(network);
  }

  @Post(':agency/leave')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'An agency leaves the Network: its open tasks in every running process close, and nobody waits for it' })
  leave(@Param('network') network: string, @Param('agency') agency: string, @Body() dto: ReasonDto) {
    return this.members.leave(network, agency, dto.reason);
  }
}
