import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { publicOrigin } from '../session/session-cookie';
import { CalendarFeedService } from './calendar-feed.service';

@ApiTags('notifications')
@Controller('networks/:network')
export class CalendarFeedController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly feeds: CalendarFeedService,
  ) {}

  @Get('calendar.ics')
  @ApiOperation({
    summary:
      "A person's calendar (iCalendar): the network's meetings and agenda calls, their agency's due dates, the cycles' deadlines. The token is the feed's own, not an API key",
  })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  async feed(
    @Param('network') network: string,
    @Query('token') token: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const ics = await this.feeds.feed(network, token);
    // Set on the answer only: a refusal is the API's JSON error like any other.
    res.type('text/calendar; charset=utf-8').setHeader('Cache-Control', 'private, max-age=300');
    return ics;
  }

  @Post('people/:id/calendar-feed')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new calendar-feed URL for the person, shown once; the earlier ones stop' })
  @ApiCreatedResponse({
    schema: { type: 'object', properties: { url: { type: 'string' }, person: { type: 'string' } } },
  })
  issue(
    @Param('network') network: string,
    @Param('id') id: string,
    @CurrentPrincipal() by: Principal,
    @Req() req: Request,
  ) {
    return this.feeds.issue(network, id, by, publicOrigin(req, this.config));
  }

  @Post('people/:id/calendar-feed/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Stops the person's calendar-feed URLs at once" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { person: { type: 'string' }, revoked: { type: 'integer' } } },
  })
  revoke(@Param('network') network: string, @Param('id') id: string, @CurrentPrincipal() by: Principal) {
    return this.feeds.revoke(network, id, by);
  }
}
