import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('networks/:network/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'A webhook (a chat channel’s incoming webhook, or any URL) told the kinds it names, signed; its secret is shown once',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  create(@Param('network') network: string, @Body() body: CreateWebhookDto, @CurrentPrincipal() by: Principal) {
    return this.webhooks.create(network, body, by);
  }

  @Get()
  @ApiOperation({ summary: 'The network’s webhooks (their deliveries: GET …/notifications?channel=webhook)' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@Param('network') network: string) {
    return this.webhooks.list(network);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops the webhook: nothing more is sent to it' })
  @ApiOkResponse({ type: WebhookDto })
  revoke(@Param('network') network: string, @Param('id') id: string) {
    return this.webhooks.revoke(network, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends the webhook a test message through the outbox; watch it at …/notifications/{id}' })
  @ApiAcceptedResponse({ schema: { type: 'object', properties: { notification: { type: 'string' } } } })
  ping(@Param('network') network: string, @Param('id') id: string) {
    return this.webhooks.ping(network, id);
  }
}
