import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { IssuedKeyWithSecretDto, IssueKeyDto, KeyDto, KeyListDto } from './key.dto';
import { KeysService } from './keys.service';

/** A network's API keys, for its coordinator and the platform administrator; secrets are shown once, never listed. */
@ApiTags('keys')
@ApiBearerAuth()
@Controller('networks/:network/keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  @ApiOperation({ summary: 'The network’s keys, revoked ones included, with when each was last used (no secrets)' })
  @ApiOkResponse({ type: KeyListDto })
  list(@Param('network') network: string) {
    return this.keys.list(network);
  }

  @Post()
  @ApiOperation({ summary: 'Issues a key: its secret is in this answer only' })
  @ApiCreatedResponse({ type: IssuedKeyWithSecretDto })
  issue(@Param('network') network: string, @Body() dto: IssueKeyDto) {
    return this.keys.issue(network, dto);
  }

  @Post(':id/rotate')
  @ApiOperation({ summary: 'A new key in the place of this one, which stops working at once' })
  @ApiCreatedResponse({ type: IssuedKeyWithSecretDto })
  rotate(@Param('network') network: string, @Param('id') id: string) {
    return this.keys.rotate(network, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops the key at once (401 with the date from then on); sent again, keeps the first date' })
  @ApiOkResponse({ type: KeyDto })
  revoke(@Param('network') network: string, @Param('id') id: string) {
    return this.keys.revoke(network, id);
  }
}
