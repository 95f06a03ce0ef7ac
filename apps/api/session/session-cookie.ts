import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request, Response } from 'express';

import type { Config } from '../../../libs/config/config';

/** Over https the cookie is `__Host-`: Secure, path /, no Domain, so no other host (nor plain http) can set or read it. */
const SESSION_COOKIE = { secure: '__Host-mignet-session', plain: 'mignet-session' } as const;
/** The OpenID flow in progress (state, nonce, PKCE verifier): ten minutes, this browser only. */
export const OIDC_FLOW_COOKIE = 'mignet-oidc';

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

/** The session's secret as the browser holds it, under either name. */
export function sessionTokenOf(req: Request): string | undefined {
  return readCookie(req, SESSION_COOKIE.secure) ?? readCookie(req, SESSION_COOKIE.plain);
}

export function setCookie(
  req: Request,
  res: Response,
  config: Pick<Config, 'publicUrl'>,
  name: 'session' | typeof OIDC_FLOW_COOKIE,
  value: string,
  maxAgeMs: number,
): void {
  const https = secure(req, config);
  const cookie = name === 'session' ? (https ? SESSION_COOKIE.secure : SESSION_COOKIE.plain) : name;
  // Lax, not Strict: a link in a mail (and the provider's redirect back) is a top-level navigation from elsewhere, and
  // must arrive signed in; commands are guarded by the CSRF token instead.
  res.cookie(cookie, value, { httpOnly: true, secure: https, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearCookie(
  req: Request,
  res: Response,
  config: Pick<Config, 'publicUrl'>,
  name: 'session' | typeof OIDC_FLOW_COOKIE,
): void {
  const https = secure(req, config);
  const cookie = name === 'session' ? (https ? SESSION_COOKIE.secure : SESSION_COOKIE.plain) : name;
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
