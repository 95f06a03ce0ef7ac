import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { S } from '../common/schemas';
import { ReasonDto } from '../meeting/meeting.dto';
import { JoinMemberDto } from './member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('networks/:network/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'The member agencies, with when each joined and left' })
  @ApiOkResponse({
    schema: S.items(S.obj({ code: S.str(), name: S.str(), joinedAt: S.time(), leftAt: S.nullable(S.time()) })),
  })
  list(@Param('network') network: string) {
    return this.members.list(network);
  }

  @Post()
  @ApiOperation({
    summary:
      'An agency joins the Network: every process asks it from then on (the next agenda call, decision, cycle); answers its key, shown this once',
  })
  @ApiCreatedResponse({
    schema: S.obj({
      code: S.str(),
      name: S.str(),
      joinedAt: S.time(),
      leftAt: S.nullable(S.time()),
      key: S.obj({ label: S.str(), role: S.str(), agency: S.str(), key: S.str() }),
    }),
  })
  join(@Param('network') network: string, @Body() dto: JoinMemberDto) {
    return this.members.join(network, dto.agency, dto.name.trim());
  }

  @Post(':agency/leave')
  @HttpCode(200)
  @ApiOperation({
    summary: 'An agency leaves the Network: its open tasks in every running process close, and nobody waits for it',
  })
  @ApiOkResponse({
    schema: S.obj({ code: S.str(), leftAt: S.time(), reason: S.str(), processesNotified: S.arr(S.str()) }),
  })
  leave(@Param('network') network: string, @Param('agency') agency: string, @Body() dto: ReasonDto) {
    return this.members.leave(network, agency, dto.reason);
  }
}
