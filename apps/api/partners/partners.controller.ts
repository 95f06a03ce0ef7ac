import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import {
  CreateEngagementDto,
  CreatePartnerDto,
  EngagementDto,
  EngagementListDto,
  EngagementQueryDto,
  PartnerDto,
  PartnerListDto,
} from './partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('networks/:network')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get('partners')
  @ApiOperation({ summary: "The Network's external partners (ToR objective 8), by category and name" })
  @ApiOkResponse({ type: PartnerListDto })
  async list(@Param('network') network: string): Promise<PartnerListDto> {
    return { items: await this.partners.list(network) };
  }

  @Post('partners')
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a partner to the register (coordinator). 409 if one of that name is there' })
  @ApiCreatedResponse({ type: PartnerDto })
  create(
    @Param('network') network: string,
    @Body() dto: CreatePartnerDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<PartnerDto> {
    return this.partners.create(network, dto, by);
  }

  @Get('engagements')
  @ApiOperation({ summary: 'The engagement log, newest first: of a year, with a partner, or a category of partners' })
  @ApiOkResponse({ type: EngagementListDto })
  async engagements(@Param('network') network: string, @Query() q: EngagementQueryDto): Promise<EngagementListDto> {
    return { items: await this.partners.engagements(network, q) };
  }

  @Post('engagements')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Records an engagement with partners (coordinator or a member agency): a consultation, an event, a submission or a meeting, with the year's activities and the GCM objectives it served and the GCM processes it fed",
  })
  @ApiCreatedResponse({ type: EngagementDto })
  record(
    @Param('network') network: string,
    @Body() dto: CreateEngagementDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<EngagementDto> {
    return this.partners.record(network, dto, by);
  }
}
