import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AlsoPlatformAdministration, Roles } from '../auth/auth.decorators';
import { CreatePersonDto, PeopleQueryDto, PersonDto, PersonListDto, UpdatePersonDto } from './person.dto';
import { PeopleService } from './people.service';

/**
 * A network's people. Everyone of the network sees who is who (whom to ask in an agency); the coordinator, and the
 * platform administrator (who adds a new network's first coordinator), add and change them.
 */
@ApiTags('people')
@ApiBearerAuth()
@AlsoPlatformAdministration()
@Controller('networks/:network/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'The people of the network, by agency and name; filters: agency, role, active' })
  @ApiOkResponse({ type: PersonListDto })
  list(@Param('network') network: string, @Query() q: PeopleQueryDto) {
    return this.people.list(network, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person' })
  @ApiOkResponse({ type: PersonDto })
  get(@Param('network') network: string, @Param('id') id: string) {
    return this.people.get(network, id);
  }

  @Post()
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Adds a person: a coordinator (of the coordinating agency), a focal point, alternate or TWG lead of a member agency, an auditor, or an observer',
  })
  @ApiCreatedResponse({ type: PersonDto })
  create(@Param('network') network: string, @Body() dto: CreatePersonDto) {
    return this.people.create(network, dto);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Changes a person; `active: false` stops their keys at once (401), and the audit trail keeps their name',
  })
  @ApiOkResponse({ type: PersonDto })
  update(@Param('network') network: string, @Param('id') id: string, @Body() dto: UpdatePersonDto) {
    return this.people.update(network, id, dto);
  }
}
