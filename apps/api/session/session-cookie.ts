import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request, Response } from 'express';

import type { Config } from '../../../libs/config/config';

/** Over https the cookies are `__Host-`: Secure, path /, no Domain, so no other host (nor plain http) can set them. */
const COOKIES = {
  session: { secure: '__Host-mignet-session', plain: 'mignet-session' },
  /** The OpenID flow in progress (state, nonce, PKCE verifier, where to go back): ten minutes, this browser only. */
  oidc: { secure: '__Host-mignet-oidc', plain: 'mignet-oidc' },
} as const;
export type CookieName = keyof typeof COOKIES;

/** A cookie of the request, undefined when absent or not decodable. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Where people reach the API: the configured public URL, else the origin this request came to. */
export function publicOrigin(req: Request, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

function secure(req: Request, config: Pick<Config, 'publicUrl'>): boolean {
  return publicOrigin(req, config).startsWith('https:');
}

/** A cookie of ours, under the name this site gives it: over https only the `__Host-` one (a plain one may be planted). */
export function ourCookie(req: Request, config: Pick<Config, 'publicUrl'>, name: CookieName): string | undefined {
  return readCookie(req, COOKIES[name][secure(req, config) ? 'secure' : 'plain']);
}

/** The session's secret as the browser holds it. */
export function sessionTokenOf(req: Request, config: Pick<Config, 'publicUrl'>): string | undefined {
  return ourCookie(req, config, 'session');
}

/** A browser's request from another site (a form or a script of its page): refused where a session is made or used. */
export function crossSite(req: Request, config: Pick<Config, 'publicUrl'>): string | undefined {
  const origin = req.header('origin');
  if (origin && origin !== publicOrigin(req, config)) return origin;
  return req.header('sec-fetch-site') === 'cross-site' ? (origin ?? 'another site') : undefined;
}

export function setCookie(
  req: Request,
  res: Response,
  config: Pick<Config, 'publicUrl'>,
  name: CookieName,
  value: string,
  maxAgeMs: number,
): void {
  const https = secure(req, config);
  const cookie = COOKIES[name][https ? 'secure' : 'plain'];
  // Lax, not Strict: a link in a mail (and the provider's redirect back) is a top-level navigation from elsewhere, and
  // must arrive signed in; commands are guarded by the CSRF token instead.
  res.cookie(cookie, value, { httpOnly: true, secure: https, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearCookie(req: Request, res: Response, config: Pick<Config, 'publicUrl'>, name: CookieName): void {
  const https = secure(req, config);
  const cookie = COOKIES[name][https ? 'secure' : 'plain'];
  res.clearCookie(cookie, { httpOnly: true, secure: https, sameSite: 'lax', path: '/' });
}

/**
 * The CSRF token of a session: derived from its secret, so nothing more is stored and only a page that could read the
 * session (`GET /session`, same origin) knows it; a page of another site can make the browser send the cookie, not this.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}

export function csrfMatches(sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const want = Buffer.from(csrfTokenOf(sessionToken));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}
