import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { translate } from '../../../libs/notifications/messages';
import { escapeHtml } from '../../../libs/notifications/task-mail';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { PreferencesDto, UpdatePreferencesDto } from './preferences.dto';
import { PreferencesService } from './preferences.service';

@ApiTags('notifications')
@Controller('networks/:network')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('people/:id/notification-preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'What the person is told, per kind: immediate, in the daily digest, or muted' })
  @ApiOkResponse({ type: PreferencesDto })
  get(@Param('network') network: string, @Param('id') id: string, @CurrentPrincipal() by: Principal) {
    return this.preferences.get(network, id, by);
  }

  @Patch('people/:id/notification-preferences')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Changes what the person is told: the kinds named, and the digest hour. A task of theirs may go to the digest, not be muted (400)',
  })
  @ApiOkResponse({ type: PreferencesDto })
  update(
    @Param('network') network: string,
    @Param('id') id: string,
    @CurrentPrincipal() by: Principal,
    @Body() body: UpdatePreferencesDto,
  ) {
    return this.preferences.update(network, id, by, body);
  }

  @Get('unsubscribe')
  @ApiOperation({ summary: "A mail's unsubscribe link: a page that says what the button does" })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  async page(
    @Param('network') network: string,
    @Query('token') token: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // Nothing changes on a GET (mail scanners follow links): the button POSTs, as a mail client's one click does.
    const { kind, delivery, language } = await this.preferences.unsubscribing(network, token);
    html(res);
    const t = (key: string) => escapeHtml(translate(language, key, { what: translate(language, `notice.${kind}`) }));
    return page(language, [
      `<p>${t(`unsubscribe.ask.${delivery}`)}</p>`,
      `<form method="post"><input type="hidden" name="token" value="${escapeHtml(String(token))}">`,
      `<button type="submit">${t(`unsubscribe.button.${delivery}`)}</button></form>`,
    ]);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'One-click unsubscribe (RFC 8058): the kind the mail told is muted for its person, or moved to the daily digest if it is their work',
  })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  async unsubscribe(
    @Param('network') network: string,
    @Query('token') token: unknown,
    @Body() body: { token?: unknown },
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { kind, delivery, language } = await this.preferences.unsubscribe(network, token ?? body?.token);
    html(res);
    const what = translate(language, `notice.${kind}`);
    return page(language, [`<p>${escapeHtml(translate(language, `unsubscribe.done.${delivery}`, { what }))}</p>`]);
  }
}

/** The answer is a page, once there is one to give: a refusal stays the API's JSON error, as documented. */
function html(res: Response): void {
  res.type('text/html; charset=utf-8');
}

function page(language: string, body: string[]): string {
  return [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>mignet</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em">`,
    ...body,
    '</body></html>',
  ].join('\n');
}
