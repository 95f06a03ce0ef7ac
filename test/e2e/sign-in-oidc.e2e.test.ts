import type { PersonDto } from '../../apps/api/people/person.dto';
import type { SessionDto } from '../../apps/api/session/session.dto';
import { apiClient } from '../support/api-client';
import { Child } from '../support/child-process';
import { CookieJar } from '../support/cookie-jar';
import { freePort } from '../support/free-port';
import { generalProposal } from '../support/proposal';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider, in a process of its own): the browser's whole
 * trip, redirect by redirect, through the authorization code flow with PKCE; and each way it must fail.
 */
describe('sign-in with OpenID Connect (end to end)', () => {
  // The API runs as a process of its own here, as it runs in production: openid-client is ESM only, which jest's
  // module registry (where the other tests run the API) cannot load on Node 20. Its database is the stack's.
  const oidc = { issuer: '', clientId: 'mignet', clientSecret: 'a-test-client-secret' };
  const { stack: db } = useTestStack({ api: false }); // the worker runs here, on the task queue the API sends to
  const stack = { baseUrl: '', key: (who: Parameters<typeof db.key>[0]) => db.key(who) };
  let call: ReturnType<typeof apiClient>;
  let provider: Child | undefined;
  let apiProcess: Child | undefined;
  beforeAll(async () => {
    const [providerPort, apiPort] = [await freePort(), await freePort()];
    oidc.issuer = `http://127.0.0.1:${providerPort}`;
    stack.baseUrl = `http://127.0.0.1:${apiPort}`;
    call = apiClient(stack.baseUrl);
    provider = Child.script('oidc-provider', 'test/support/oidc-provider.mjs', {
      OIDC_PORT: String(providerPort),
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URI: `${stack.baseUrl}/session/oidc/callback`,
      OIDC_ACCOUNTS: JSON.stringify({
        maria: { email: 'MSoares@ilo.org', email_verified: true, name: 'Maria Soares' },
        stranger: { email: 'stranger@example.org', email_verified: true },
        unverified: { email: 'lpinto@unicef.org', email_verified: false },
        unsaid: { email: 'lpinto@unicef.org' }, // a provider that does not say whether it checked the address
      }),
    });
    apiProcess = Child.start('api', 'apps/api/main.ts', [], {
      DATABASE_URL: db.config.databaseUrl,
      TEMPORAL_ADDRESS: db.config.temporalAddress,
      TEMPORAL_TASK_QUEUE: db.config.temporalTaskQueue,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      AUDIT_SIGNING_KEY_FILE: db.config.auditSigningKeyFile,
      AUDIT_ANCHOR_EVERY_MS: '0',
      RATE_LIMIT_PER_KEY: '1000000',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      AUTH_FAILURES_PER_ADDRESS: '1000000',
      LOG_FORMAT: 'json',
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      SIGN_IN_LINKS: 'false',
      PUBLIC_URL: stack.baseUrl,
    });
    await Promise.all([provider.waitFor(/oidc-provider listening/, 30_000), apiProcess.waitFor(/API on /, 90_000)]);
    const added = await call<PersonDto>('POST', '/networks/tl/people', stack.key('coordinator'), {
      name: 'Maria Soares',
      email: 'msoares@ilo.org',
      role: 'focal-point',
      agency: 'ILO',
    });
    expect(added.status).toBe(201);
    // She observes in xx too: one OpenID sign-in is her in both (the provider vouches for the address).
    expect(
      (
        await call('POST', '/networks/xx/people', db.keys.xx['seed:coordinator'], {
          name: 'Maria Soares',
          email: 'msoares@ilo.org',
          role: 'observer',
        })
      ).status,
    ).toBe(201);
    await call('POST', '/networks/tl/people', stack.key('coordinator'), {
      name: 'Lúcia Pinto',
      email: 'lpinto@unicef.org',
      role: 'focal-point',
      agency: 'RCO',
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([provider?.kill('SIGTERM'), apiProcess?.kill('SIGTERM')]);
    await Promise.all([provider?.exited, apiProcess?.exited]);
  });

  const api = () => new URL(stack.baseUrl).host;

  /** Starts a sign-in and logs in at the provider as `login`: the redirect back to the API, not yet followed. */
  async function atProvider(browser: CookieJar, login: string, returnTo = '/networks/tl/people') {
    const start = await browser.fetch(`${stack.baseUrl}/session/oidc?return=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(oidc.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'mignet',
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${stack.baseUrl}/session/oidc/callback`,
    });
    const form = await browser.follow(authorize.href, {}, (next) => next.host === api());
    expect(form.res.status).toBe(200);
    expect(await form.res.text()).toContain('name="login"');
    const back = await browser.follow(
      form.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login }).toString(),
      },
      (next) => next.host === api(),
    );
    expect(new URL(back.url).pathname).toBe('/session/oidc/callback');
    return { callback: back.url, state: authorize.searchParams.get('state')! };
  }

  it('signs a person in through the provider, brings them back signed in as the person of their address, and names them on the task they do', async () => {
    const browser = new CookieJar();
    const { callback } = await atProvider(browser, 'maria');
    const landed = await browser.fetch(callback);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/networks/tl/people');
    expect(landed.headers.getSetCookie().find((c) => c.startsWith('mignet-session='))).toMatch(
      /HttpOnly.*SameSite=Lax/i,
    );

    const me = await browser.fetch(`${stack.baseUrl}/session`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as SessionDto;
    expect(body).toMatchObject({
      email: 'msoares@ilo.org', // the provider's address, in lower case: people are one per address
      method: 'oidc',
      // By the networks' names: xx ("Test network") first.
      networks: [
        { network: 'xx', person: 'Maria Soares', role: 'observer', agency: null },
        { network: 'tl', person: 'Maria Soares', role: 'focal-point', agency: 'ILO' },
      ],
    });
    expect((await browser.fetch(`${stack.baseUrl}/networks/xx/people`)).status).toBe(200);
    expect((await browser.fetch(`${stack.baseUrl}/networks/tl/people`)).status).toBe(200);
    // A task done through the session: refused without the CSRF token, then done; the task, the timeline and the
    // audit log name the person and the agency.
    const circulated = await call<{ workflowId: string }>(
      'POST',
      '/networks/tl/decisions',
      stack.key('coordinator'),
      generalProposal('Adopt the sign-in policy'),
    );
    expect(circulated.status).toBe(201);
    const wf = circulated.body.workflowId;
    const task = `${wf}:concur-or-object:r1:ILO`;
    const complete = (headers: Record<string, string>) =>
      browser.fetch(`${stack.baseUrl}/networks/tl/tasks/${encodeURIComponent(task)}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ answer: 'concur' }),
      });
    await waitFor(
      async () =>
        (await browser.fetch(`${stack.baseUrl}/networks/tl/tasks/${encodeURIComponent(task)}`)).status === 200 ||
        undefined,
      "ILO's answer task",
    );
    const noCsrf = await complete({});
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { code: string }).code).toBe('CSRF_FAILED');
    const done = await complete({ 'x-csrf-token': body.csrfToken });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ completedBy: 'ILO', completedByPerson: 'Maria Soares' });
    const timeline = await call<{
      items: { type: string; agency: string; person: string | null; keyId: string | null }[];
    }>('GET', `/networks/tl/histories/${encodeURIComponent(wf)}/timeline`, stack.key('auditor'));
    expect(timeline.body.items.find((e) => e.type === 'TaskCompleted')).toMatchObject({
      agency: 'ILO',
      person: 'Maria Soares',
    });
    const log = await call<{
      items: { target: string; status: number; actorAgency: string; actorPerson: string; keyId: string | null }[];
    }>('GET', '/networks/tl/audit-log?pageSize=500', stack.key('auditor'));
    expect(
      log.body.items.filter((r) => r.target === task).map((r) => [r.status, r.actorAgency, r.actorPerson, r.keyId]),
    ).toEqual(
      // The refused one is not hers: without the token it may be another site's page sending it (a forged request is
      // logged as one without valid credentials, its body as a digest).
      expect.arrayContaining([
        [403, null, null, null],
        [200, 'ILO', 'Maria Soares', null],
      ]),
    );

    // The code was for one exchange: the same answer again is refused by the provider, and no session comes of it.
    const replayed = await new CookieJar().fetch(callback);
    expect(replayed.status).toBe(401);
  });

  it('refuses an address nobody here has, one the provider has not verified, a forged state, and another browser', async () => {
    const stranger = new CookieJar();
    const nobody = await stranger.fetch((await atProvider(stranger, 'stranger')).callback);
    expect(nobody.status).toBe(403);
    expect(((await nobody.json()) as { message: string }).message).toMatch(/stranger@example.org is nobody's address/);
    expect(stranger.get(api(), 'mignet-session')).toBeUndefined();

    const unverified = new CookieJar();
    const refused = await unverified.fetch((await atProvider(unverified, 'unverified')).callback);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(/not verified lpinto@unicef.org/);

    const unsaid = new CookieJar();
    const notSaid = await unsaid.fetch((await atProvider(unsaid, 'unsaid')).callback);
    expect(notSaid.status).toBe(401);
    expect(((await notSaid.json()) as { message: string }).message).toMatch(/OIDC_TRUST_UNVERIFIED_EMAIL/);

    const forger = new CookieJar();
    const { callback, state } = await atProvider(forger, 'maria');
    const forged = await forger.fetch(callback.replace(`state=${state}`, 'state=forged'));
    expect(forged.status).toBe(401);
    expect(forger.get(api(), 'mignet-session')).toBeUndefined();

    // The answer carried to a browser that did not start the sign-in (login CSRF): no flow cookie, no session.
    const victim = new CookieJar();
    const { callback: lured } = await atProvider(new CookieJar(), 'maria');
    const carried = await victim.fetch(lured);
    expect(carried.status).toBe(401);
    expect(((await carried.json()) as { message: string }).message).toMatch(/not started in this browser/);
  });

  it('goes back only to a path of this site, offers no sign-in links when told not to, and says when the provider is down', async () => {
    const browser = new CookieJar();
    const landed = await browser.fetch((await atProvider(browser, 'maria', '//evil.example/x')).callback);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/app/');
    // Nor when the flow cookie came back edited to point elsewhere: checked again at the callback.
    const edited = new CookieJar();
    const { callback } = await atProvider(edited, 'maria');
    const flow = JSON.parse(Buffer.from(edited.get(api(), 'mignet-oidc')!, 'base64url').toString('utf8')) as object;
    edited.set(
      api(),
      'mignet-oidc',
      Buffer.from(JSON.stringify({ ...flow, returnTo: '//evil.example' })).toString('base64url'),
    );
    const away = await edited.fetch(callback);
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/app/');

    const maria = (
      await call<{ items: PersonDto[] }>('GET', '/networks/tl/people', stack.key('coordinator'))
    ).body.items.find((p) => p.email === 'msoares@ilo.org')!;
    const link = await call('POST', `/networks/tl/people/${maria.id}/sign-in-link`, stack.key('coordinator'));
    expect(link).toMatchObject({ status: 404, body: { code: 'SIGN_IN_OFF' } });
    expect((await call('GET', '/session')).body.message).toMatch(/\/session\/oidc/);

    // The provider stops: its discovery is kept, so the redirect still goes; its token endpoint does not answer: 503.
    const late = new CookieJar();
    const start = await late.fetch(`${stack.baseUrl}/session/oidc`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    await provider!.kill('SIGTERM');
    await provider!.exited;
    const down = await late.fetch(
      `${stack.baseUrl}/session/oidc/callback?code=abc&state=${state}&iss=${encodeURIComponent(oidc.issuer)}`,
    );
    expect(down.status).toBe(503);
    expect(((await down.json()) as { code: string }).code).toBe('OIDC_UNAVAILABLE');
  });
});
