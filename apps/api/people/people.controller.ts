import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { publicOrigin } from '../session/session-cookie';
import { SessionsService } from '../session/sessions.service';

import {
  CreatePersonDto,
  PeopleQueryDto,
  PersonDto,
  PersonListDto,
  SignInLinkDto,
  UpdatePersonDto,
} from './person.dto';
import { PeopleService } from './people.service';

/**
 * A network's people. Everyone of the network sees who is who (whom to ask in an agency); the coordinator, and the
 * platform administrator (who adds a new network's first coordinator), add and change them.
 */
@ApiTags('people')
@ApiBearerAuth()
@Controller('networks/:network/people')
export class PeopleController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
  ) {}

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
  @ApiOperation({
    summary:
      'Adds a person: a coordinator (of the coordinating agency), a focal point, alternate or TWG lead of a member agency, an auditor, or an observer',
  })
  @ApiCreatedResponse({ type: PersonDto })
  create(@Param('network') network: string, @Body() dto: CreatePersonDto) {
    return this.people.create(network, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Changes a person; `active: false` stops their keys at once (401), and the audit trail keeps their name',
  })
  @ApiOkResponse({ type: PersonDto })
  update(@Param('network') network: string, @Param('id') id: string, @Body() dto: UpdatePersonDto) {
    return this.people.update(network, id, dto);
  }

  @Post(':id/sign-in-link')
  @ApiOperation({
    summary:
      'A one-time sign-in link for the person (shown once; valid SIGN_IN_LINK_HOURS): hand it over as a password, until mail sends it',
  })
  @ApiCreatedResponse({ type: SignInLinkDto })
  async signInLink(@Param('network') network: string, @Param('id') id: string, @Req() req: Request) {
    return this.sessions.issueLink(await this.people.person(network, id), publicOrigin(req, this.config));
  }
}
