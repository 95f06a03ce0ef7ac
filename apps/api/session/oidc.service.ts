import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenId from 'openid-client';

import type { Config, OidcConfig } from '../../../libs/config/config';
import { normalEmail } from '../../../libs/domain/people';
import { CONFIG } from '../../common/config.token';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

/** What travels in the flow cookie between the redirect to the provider and its answer. */
interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/**
 * `openid-client` is ESM only: required (Node's require(esm), 20.19+ and 24) when someone first signs in with OpenID,
 * not at load: jest's module registry, in which tests run the API, cannot load it on Node 20 (the OpenID tests run
 * the API as a process of its own).
 */
function openIdClient(): typeof OpenId {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('openid-client') as typeof OpenId;
}

/**
 * Sign-in with the deployment's OpenID Connect provider: the authorization code flow with PKCE, state and nonce
 * (openid-client checks the ID token's signature, issuer, audience, expiry and nonce). The provider's metadata is
 * discovered on first use and kept; a provider that does not answer is a 503 naming it, and is asked again next time.
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger(OidcService.name);
  private discovered?: Promise<OpenId.Configuration>;

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  /** The provider's authorization URL to send the browser to, and the flow to keep in its cookie. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; flow: string }> {
    const configuration = await this.configuration(); // first: SIGN_IN_OFF without a provider
    const client = openIdClient();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow: Buffer.from(JSON.stringify(flow)).toString('base64url') };
  }

  /** The provider's answer checked: the address it vouches for, and where the browser was going. */
  async finish(
    currentUrl: string,
    flowCookie: string | undefined,
  ): Promise<{ email: string; subject: string; issuer: string; returnTo: string }> {
    const configuration = await this.configuration(); // first: no provider here is the answer, whatever came with it
    const flow = parseFlow(flowCookie);
    if (!flow)
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        'This sign-in was not started in this browser, or took more than ten minutes: sign in again',
      );
    const client = openIdClient();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(currentUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      // Many providers put the address in the UserInfo answer only.
      if (typeof claims.email !== 'string')
        claims = { ...claims, ...(await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))) };
    } catch (err) {
      throw this.refusal(err);
    }
    if (typeof claims.email !== 'string')
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        'The OpenID provider gave no e-mail address: people are known by theirs',
      );
    // Absent is not verified: some providers let anyone set an address they never checked.
    if (claims.email_verified !== true && !(this.config.oidc as OidcConfig).trustUnverifiedEmail)
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        `The OpenID provider has not verified ${claims.email} (OIDC_TRUST_UNVERIFIED_EMAIL=true trusts a provider that does not say)`,
      );
    return {
      email: normalEmail(claims.email),
      subject: String(claims.sub),
      issuer: (this.config.oidc as OidcConfig).issuer,
      returnTo: flow.returnTo,
    };
  }

  private configuration(): Promise<OpenId.Configuration> {
    const oidc = this.config.oidc;
    if (!oidc) throw new AppError(ErrorCode.SIGN_IN_OFF, 'No OpenID provider is configured here (OIDC_ISSUER)');
    if (!this.discovered) {
      const client = openIdClient();
      this.discovered = client
        .discovery(
          new URL(oidc.issuer),
          oidc.clientId,
          undefined,
          oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
          // http only for a provider on this machine (tests): the configuration refuses any other.
          oidc.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .then((c) => {
          this.log.log(`OpenID provider ${oidc.issuer} discovered`);
          return c;
        });
      this.discovered.catch(() => (this.discovered = undefined));
    }
    return this.discovered.catch((err: unknown) => {
      throw new AppError(
        ErrorCode.OIDC_UNAVAILABLE,
        `The OpenID provider ${oidc.issuer} did not answer: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }

  /** A refused grant is the person's problem to retry (401, saying what the provider or the check said); the rest 503. */
  private refusal(err: unknown): AppError {
    const e = err as { name?: string; message?: string; error?: string; error_description?: string; code?: string };
    const detail = e.error_description ?? e.error ?? e.message ?? String(err);
    if (e.name === 'TypeError' || e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || /fetch failed/i.test(detail))
      return new AppError(ErrorCode.OIDC_UNAVAILABLE, `The OpenID provider did not answer: ${detail}`);
    this.log.warn(`OpenID sign-in refused: ${detail}`);
    return new AppError(ErrorCode.UNAUTHENTICATED, `The OpenID sign-in was refused: ${detail}`);
  }
}

function parseFlow(cookie: string | undefined): Flow | undefined {
  if (!cookie) return undefined;
  try {
    const f = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof f.state === 'string' &&
      typeof f.nonce === 'string' &&
      typeof f.verifier === 'string' &&
      typeof f.returnTo === 'string'
      ? (f as Flow)
      : undefined;
  } catch {
    return undefined;
  }
}
