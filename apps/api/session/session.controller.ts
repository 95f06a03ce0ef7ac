import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { OidcService } from './oidc.service';
import {
  clearCookie,
  crossSite,
  csrfMatches,
  csrfTokenOf,
  ourCookie,
  publicOrigin,
  sessionTokenOf,
  setCookie,
} from './session-cookie';
import { SessionDto, SIGN_IN_LINK_TOKEN, SignInMethodsDto, UseLinkDto } from './session.dto';
import { SessionsService } from './sessions.service';

const FLOW_MS = 10 * 60_000;
/** Where a browser goes once signed in: the web application, which opens the person's first network. */
const AFTER_SIGN_IN = '/app/';

/** A path of this site only (`/…`, not `//host` nor `/\host`): a sign-in never sends the browser elsewhere. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : AFTER_SIGN_IN;
}

/**
 * Sign-in for people: with the deployment's OpenID provider, or a one-time link. The session is an http-only, SameSite
 * cookie; a command sent with it must carry its CSRF token (X-CSRF-Token, from GET /session). Programs keep using keys.
 */
@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly sessions: SessionsService,
    private readonly oidc: OidcService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Who is signed in: the address, the networks where they are someone (the network switch), and the CSRF token commands need; 401 when nobody is',
  })
  @ApiOkResponse({ type: SessionDto })
  async current(@Req() req: Request): Promise<SessionDto> {
    const token = sessionTokenOf(req, this.config);
    if (!token)
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        `Not signed in: ${this.methods().join(', or ') || 'no sign-in method is configured'}`,
      );
    const session = await this.sessions.active(token);
    return { ...(await this.sessions.view(session)), csrfToken: csrfTokenOf(token) };
  }

  @Get('methods')
  @ApiOperation({
    summary: 'How people sign in here: with the OpenID provider, with one-time links (the sign-in page reads it)',
  })
  @ApiOkResponse({ type: SignInMethodsDto })
  signInMethods(): SignInMethodsDto {
    return { oidc: this.oidc.enabled, links: this.config.signInLinks };
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session (X-CSRF-Token required); its cookie is cleared and refused from then on' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = sessionTokenOf(req, this.config);
    if (!token) return;
    if (!csrfMatches(token, req.header('x-csrf-token')))
      throw new AppError(ErrorCode.CSRF_FAILED, 'Send the X-CSRF-Token header that GET /session gives');
    await this.sessions.end(token);
    clearCookie(req, res, this.config, 'session');
  }

  @Get('oidc')
  @ApiOperation({
    summary: 'Starts an OpenID Connect sign-in: a redirect to the provider (`return`: a path to come back to)',
  })
  async startOidc(@Req() req: Request, @Res() res: Response, @Query('return') returnTo?: string): Promise<void> {
    const { url, flow } = await this.oidc.start(this.redirectUri(req), localPath(returnTo));
    setCookie(req, res, this.config, 'oidc', flow, FLOW_MS);
    res.redirect(302, url);
  }

  @Get('oidc/callback')
  @ApiOperation({ summary: "The provider's answer: opens the session and goes back to where the sign-in started" })
  async finishOidc(@Req() req: Request, @Res() res: Response): Promise<void> {
    clearCookie(req, res, this.config, 'oidc'); // one answer per flow, whatever it is
    const who = await this.oidc.finish(
      new URL(req.originalUrl, publicOrigin(req, this.config)).href,
      ourCookie(req, this.config, 'oidc'),
    );
    if (!(await this.sessions.anyActivePerson(who.email)))
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `${who.email} is nobody's address in any network here: ask your network's coordinator to add you`,
      );
    const session = await this.sessions.open(who.email, 'oidc', { issuer: who.issuer, subject: who.subject });
    setCookie(req, res, this.config, 'session', session.token, session.expiresAt.getTime() - Date.now());
    res.redirect(303, localPath(who.returnTo)); // checked again: the cookie came back from the browser
  }

  /** A page, not the sign-in: mail scanners open links, so only the button on it (a POST) uses the link. */
  @Get('link')
  @ApiOperation({
    summary: 'The page a sign-in link opens: a button that signs in (the link is used by the POST only)',
  })
  link(@Query('token') token: string | undefined, @Res() res: Response): void {
    if (!this.config.signInLinks) throw new AppError(ErrorCode.SIGN_IN_OFF, 'Sign-in links are off here');
    const safe = typeof token === 'string' && SIGN_IN_LINK_TOKEN.test(token) ? token : '';
    res
      .type('html')
      .set('cache-control', 'no-store')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>Sign in to mignet</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">` +
          `<h1>Sign in to mignet</h1>` +
          (safe
            ? `<p>This link signs you in once, on this device.</p><form method="post" action="/session/link">` +
              `<input type="hidden" name="token" value="${safe}"><button type="submit" style="font-size:1.1rem;padding:.5rem 1.5rem">Sign in</button></form>`
            : `<p>This link is not complete: open it again from the message you received, or ask your coordinator for a new one.</p>`) +
          `</body></html>`,
      );
  }

  @Post('link')
  @ApiOperation({
    summary:
      'Uses a sign-in link (`{token}`, as JSON or from the page’s form): opens the session, then 303 to /session (form) or 201 with it (JSON)',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiResponse({ status: 303, description: 'From the page’s form: the session is open, on to the web application' })
  async useLink(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() dto: UseLinkDto,
  ): Promise<SessionDto | undefined> {
    // Another site's page must not sign its visitor in as someone else (login CSRF): its form carries its Origin.
    const from = crossSite(req, this.config);
    if (from) throw new AppError(ErrorCode.CSRF_FAILED, `A sign-in from ${from} is not taken: open the link itself`);
    const session = await this.sessions.useLink(dto.token);
    setCookie(req, res, this.config, 'session', session.token, session.expiresAt.getTime() - Date.now());
    if (req.is('application/x-www-form-urlencoded')) {
      res.redirect(303, AFTER_SIGN_IN);
      return undefined;
    }
    const view = await this.sessions.view(await this.sessions.active(session.token));
    return { ...view, csrfToken: csrfTokenOf(session.token) };
  }

  private methods(): string[] {
    return [
      ...(this.oidc.enabled ? ['sign in at /session/oidc'] : []),
      ...(this.config.signInLinks ? ['open a sign-in link your coordinator gave you'] : []),
    ];
  }

  private redirectUri(req: Request): string {
    return `${publicOrigin(req, this.config)}/session/oidc/callback`;
  }
}
