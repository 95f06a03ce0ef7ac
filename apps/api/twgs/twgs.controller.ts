import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { TwgListDto, TwgQueryDto } from './twg.dto';
import { TwgsService } from './twgs.service';

@ApiTags('twgs')
@ApiBearerAuth()
@Controller('networks/:network/twgs')
export class TwgsController {
  constructor(private readonly twgs: TwgsService) {}

  @Get()
  @ApiOperation({ summary: 'The Technical Working Groups, oldest first; ?include=abolished adds those abolished' })
  @ApiOkResponse({ type: TwgListDto })
  list(@Param('network') network: string, @Query() query: TwgQueryDto): Promise<TwgListDto> {
    return this.twgs.list(network, query);
  }
}
