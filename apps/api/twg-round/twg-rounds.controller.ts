import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { S } from '../common/schemas';
import { ImpedimentQueryDto, StartTwgRoundDto } from './twg-round.dto';
import { TwgRoundsService } from './twg-rounds.service';

@ApiTags('twgs')
@ApiBearerAuth()
@Controller('networks/:network')
export class TwgRoundsController {
  constructor(private readonly rounds: TwgRoundsService) {}

  @Post('twgs/:twg/rounds')
  @ApiOperation({
    summary: "Start a TWG's bi-monthly reporting round by hand (the annual cycle will start them from its calendar)",
  })
  @ApiCreatedResponse({
    schema: S.obj({ id: S.str(), twg: S.str(), year: S.int(), period: S.int(), start: S.time(), end: S.time() }),
  })
  start(@Param('network') network: string, @Param('twg') twg: string, @Body() dto: StartTwgRoundDto) {
    return this.rounds.start(network, twg, dto);
  }

  @Get('twgs/:twg/rounds')
  @ApiOperation({
    summary: "A TWG's reporting rounds, newest first, with each member's update and the consolidated report",
  })
  @ApiOkResponse({
    schema: S.items(
      S.obj({
        id: S.str(),
        twg: S.str(),
        year: S.int(),
        period: S.int(),
        status: S.str(),
        start: S.time(),
        end: S.time(),
        updates: S.any(),
        report: S.nullable(S.any()),
        closedAt: S.nullable(S.time()),
        cancelledReason: S.nullable(S.str()),
      }),
    ),
  })
  list(@Param('network') network: string, @Param('twg') twg: string) {
    return this.rounds.list(network, twg);
  }

  @Get('impediments')
  @ApiOperation({
    summary: 'Impediments raised by TWG rounds: target network (for a meeting) or government (to raise with the GoTL)',
  })
  @ApiOkResponse({
    schema: S.items(
      S.obj({
        id: S.str(),
        twg: S.str(),
        target: S.str(),
        status: S.str(),
        raisedAt: S.time(),
        statusAt: S.nullable(S.time()),
      }),
    ),
  })
  impediments(@Param('network') network: string, @Query() query: ImpedimentQueryDto) {
    return this.rounds.listImpediments(network, query);
  }
}
