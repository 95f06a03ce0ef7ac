import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { NotificationDetailDto, NotificationDto, NotificationPageDto, NotificationQueryDto } from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('networks/:network/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary:
      'What the outbox holds, newest first: each mail, to whom, and its state (pending, sending, sent; bounced and failed: the dead letters)',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Param('network') network: string, @Query() q: NotificationQueryDto) {
    return this.notifications.list(network, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One mail: its text and every delivery attempt with the server’s answer' })
  @ApiOkResponse({ type: NotificationDetailDto })
  get(@Param('network') network: string, @Param('id') id: string) {
    return this.notifications.get(network, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends a bounced or failed mail again (409 for any other)' })
  @ApiOkResponse({ type: NotificationDto })
  retry(@Param('network') network: string, @Param('id') id: string) {
    return this.notifications.retry(network, id);
  }
}
