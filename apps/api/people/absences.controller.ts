import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AbsenceDto, AbsenceListDto, AbsenceQueryDto, CreateAbsenceDto } from './absence.dto';
import { AbsencesService } from './absences.service';

/** Who is away and who stands in: everyone of the network sees it (whom to ask while a focal point is on leave). */
@ApiTags('people')
@ApiBearerAuth()
@Controller('networks/:network/absences')
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  @Get()
  @ApiOperation({ summary: 'Absences, latest first; filters: person, current' })
  @ApiOkResponse({ type: AbsenceListDto })
  list(@Param('network') network: string, @Query() q: AbsenceQueryDto) {
    return this.absences.list(network, q);
  }

  @Post()
  @ApiOperation({
    summary:
      "Sets an absence with a substitute, who acts on the person's agency's tasks meanwhile (both names are kept). A person sets their own with a substitute of their agency; the coordinator sets anyone's, and may name another agency's",
  })
  @ApiCreatedResponse({ type: AbsenceDto })
  create(@Param('network') network: string, @Body() dto: CreateAbsenceDto, @CurrentPrincipal() by: Principal) {
    return this.absences.create(network, dto, by);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back early: ends the absence now (the person away, or the coordinator)' })
  @ApiOkResponse({ type: AbsenceDto })
  end(@Param('network') network: string, @Param('id') id: string, @CurrentPrincipal() by: Principal) {
    return this.absences.end(network, id, by);
  }
}
