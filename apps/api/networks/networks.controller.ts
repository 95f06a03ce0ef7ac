import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { CreatedNetworkDto, CreateNetworkDto, NetworkDto, NetworkListDto, UpdateNetworkDto } from './network.dto';
import { NetworksService } from './networks.service';

/** The platform's networks, for its administrator's key only (which reads none of a network's content). */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @ApiOperation({ summary: 'Every network of the platform (platform administrator)' })
  @ApiOkResponse({ type: NetworkListDto })
  list() {
    return this.networks.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Creates a network with its member agencies (platform administrator); answers its keys, shown this once: one for the coordinator, the auditor and each member',
  })
  @ApiCreatedResponse({ type: CreatedNetworkDto })
  async create(@Body() dto: CreateNetworkDto, @Req() req: Request) {
    const created = await this.networks.create(dto);
    req.auditNetwork = created.code; // the creation is the first row of the new network's audit chain
    return created;
  }

  @Get(':network')
  @ApiOperation({ summary: 'One network (platform administrator)' })
  @ApiOkResponse({ type: NetworkDto })
  get(@Param('network') network: string) {
    return this.networks.get(network);
  }

  @Patch(':network')
  @ApiOperation({ summary: 'Renames a network, or names its country (platform administrator); its code never changes' })
  @ApiOkResponse({ type: NetworkDto })
  update(@Param('network') network: string, @Body() dto: UpdateNetworkDto) {
    return this.networks.update(network, dto);
  }
}
