import type { PersonDto } from '../../apps/api/people/person.dto';
import type { SessionDto } from '../../apps/api/session/session.dto';

import { CookieJar } from '../support/cookie-jar';
import { generalProposal } from '../support/proposal';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/**
 * People signed in, in a browser: a one-time link (the embedded default's sign-in) opens a session cookie that acts
 * as the person, in each network where they are someone; commands need the session's CSRF token.
 */
describe('sign-in links and sessions (end to end)', () => {
  const { stack, call } = useTestStack();
  const host = () => new URL(stack.baseUrl).host;

  async function person(body: Record<string, unknown>, network = 'tl', key = stack.key('coordinator')) {
    const r = await call<PersonDto>('POST', `/networks/${network}/people`, key, body);
    expect(r.status).toBe(201);
    return r.body;
  }
  async function linkFor(id: string, network = 'tl', key = stack.key('coordinator')) {
    const r = await call<{ link: string; expiresAt: string }>(
      'POST',
      `/networks/${network}/people/${id}/sign-in-link`,
      key,
    );
    expect(r.status).toBe(201);
    return r.body.link;
  }
  /** A browser that opened the link and pressed the page's button. */
  async function signedIn(link: string): Promise<CookieJar> {
    const browser = new CookieJar();
    const page = await browser.fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBe(new URL(link).searchParams.get('token'));
    const pressed = await browser.fetch(`${stack.baseUrl}/session/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token! }).toString(),
    });
    expect({ status: pressed.status, body: pressed.status === 303 ? null : await pressed.text() }).toEqual({
      status: 303,
      body: null,
    });
    expect(pressed.headers.get('location')).toBe('/app/');
    const cookie = pressed.headers.getSetCookie().find((c) => c.startsWith('mignet-session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    return browser;
  }
  const session = async (browser: CookieJar) => {
    const r = await browser.fetch(`${stack.baseUrl}/session`);
    return { status: r.status, body: (await r.json()) as SessionDto & { message?: string } };
  };
  const send = (
    browser: CookieJar,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    browser
      .fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      .then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> }));

  it('signs a person in once with a link, acts as them with the CSRF token, and names them on what they do', async () => {
    const ana = await person({ name: 'Ana Belo', email: 'abelo@ilo.org', role: 'focal-point', agency: 'ILO' });
    const link = await linkFor(ana.id);
    expect(link.startsWith(`${stack.baseUrl}/session/link?token=ml_`)).toBe(true);
    // Opening the page uses nothing (a mail scanner may open it first): the button does.
    expect((await new CookieJar().fetch(link)).status).toBe(200);
    const browser = await signedIn(link);

    const me = await session(browser);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'abelo@ilo.org',
      method: 'link',
      networks: [{ network: 'tl', personId: ana.id, person: 'Ana Belo', role: 'focal-point', agency: 'ILO' }],
    });
    const csrf = me.body.csrfToken;

    // Used once: a second press, from anywhere, is refused saying when it was used.
    const again = await call('POST', '/session/link', undefined, { token: new URL(link).searchParams.get('token') });
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/was used on/);

    // Reading needs nothing more; a command needs the token, and is refused from another site's page.
    expect((await send(browser, 'GET', '/networks/tl/tasks?assignee=ILO')).status).toBe(200);
    const circulated = await call<{ workflowId: string }>(
      'POST',
      '/networks/tl/decisions',
      stack.key('coordinator'),
      generalProposal('Adopt the sign-in policy'),
    );
    expect(circulated.status).toBe(201);
    const task = encodeURIComponent(`${circulated.body.workflowId}:concur-or-object:r1:ILO`);
    await waitFor(
      async () => (await send(browser, 'GET', `/networks/tl/tasks/${task}`)).status === 200 || undefined,
      'task',
    );
    const complete = `/networks/tl/tasks/${task}/complete`;
    const noToken = await send(browser, 'POST', complete, { answer: 'concur' });
    expect(noToken).toMatchObject({ status: 403, body: { code: 'CSRF_FAILED' } });
    const wrongToken = await send(
      browser,
      'POST',
      complete,
      { answer: 'concur' },
      { 'x-csrf-token': csrf.slice(1) + 'x' },
    );
    expect(wrongToken.status).toBe(403);
    const otherSite = await send(
      browser,
      'POST',
      complete,
      { answer: 'concur' },
      { 'x-csrf-token': csrf, origin: 'https://evil.example' },
    );
    expect(otherSite).toMatchObject({ status: 403, body: { code: 'CSRF_FAILED' } });
    const done = await send(
      browser,
      'POST',
      complete,
      { answer: 'concur' },
      { 'x-csrf-token': csrf, origin: stack.baseUrl },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ completedBy: 'ILO', completedByPerson: 'Ana Belo' });

    // The audit log: the person and the agency, no key; the refusals are there too.
    const log = await call<{
      items: {
        target: string;
        keyId: string | null;
        personId: string | null;
        actorPerson: string | null;
        status: number;
      }[];
    }>('GET', '/networks/tl/audit-log?pageSize=500', stack.key('auditor'));
    const rows = log.body.items.filter((r) => r.target === decodeURIComponent(task));
    expect(rows.map((r) => r.status).sort()).toEqual([200, 403, 403, 403]);
    expect(rows.find((r) => r.status === 200)).toMatchObject({
      keyId: null,
      personId: ana.id,
      actorPerson: 'Ana Belo',
    });

    // Only this network: elsewhere the same answer as a network that does not exist.
    expect((await send(browser, 'GET', '/networks/xx/tasks')).status).toBe(404);
    expect((await send(browser, 'GET', '/networks')).status).toBe(403);

    // Signed out: the cookie is cleared and, sent again, refused.
    const cookie = browser.get(host(), 'mignet-session')!;
    expect((await send(browser, 'POST', '/session/sign-out')).status).toBe(403);
    expect((await send(browser, 'POST', '/session/sign-out', undefined, { 'x-csrf-token': csrf })).status).toBe(204);
    expect(browser.get(host(), 'mignet-session')).toBeUndefined();
    const replayed = new CookieJar();
    replayed.set(host(), 'mignet-session', cookie);
    const refused = await send(replayed, 'GET', '/networks/tl/tasks');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/signed out/);
  });

  it('acts only as the person the link was for — not as that address in another network — and stops when they are made inactive', async () => {
    // xx's coordinator; tl's coordinator adds someone with the same address in tl and signs in with tl's link: that
    // vouches for tl's person only, never for xx's coordinator (an address is unique within a network, not across).
    const victim = await person(
      { name: 'Rui Gusmão', email: 'rgusmao@iom.int', role: 'coordinator' },
      'xx',
      stack.keys.xx['seed:coordinator'],
    );
    const tl = await person({ name: 'Rui Gusmão', email: 'RGusmao@iom.int', role: 'observer' });
    const browser = await signedIn(await linkFor(tl.id));
    const me = await session(browser);
    expect(me.body.networks.map((n) => [n.network, n.role, n.personId])).toEqual([['tl', 'observer', tl.id]]);
    const csrf = me.body.csrfToken;
    expect((await send(browser, 'GET', '/networks/xx/people')).status).toBe(404);
    expect((await send(browser, 'GET', `/networks/xx/people/${victim.id}`)).status).toBe(404);
    expect(
      (await send(browser, 'POST', '/networks/xx/members/UNDP/leave', { reason: 'x' }, { 'x-csrf-token': csrf }))
        .status,
    ).toBe(404);
    // In tl he observes: reads, sends nothing.
    expect((await send(browser, 'GET', '/networks/tl/people')).status).toBe(200);
    const observed = await send(
      browser,
      'POST',
      '/networks/tl/members/UNDP/leave',
      { reason: 'x' },
      { 'x-csrf-token': csrf },
    );
    expect(observed.status).toBe(403);
    expect(observed.body.message).toMatch(/observer/);

    const off = await call('PATCH', `/networks/tl/people/${tl.id}`, stack.key('coordinator'), { active: false });
    expect(off.status).toBe(200);
    const stopped = await send(browser, 'GET', '/networks/tl/tasks');
    expect(stopped.status).toBe(401);
    expect(stopped.body.message).toMatch(/Rui Gusmão is no longer active/);
    expect((await session(browser)).body.networks).toEqual([]);
    // An inactive person gets no link.
    expect((await call('POST', `/networks/tl/people/${tl.id}/sign-in-link`, stack.key('coordinator'))).status).toBe(
      403,
    );
  });

  it('takes a link once when two use it at once, and not from another site’s page', async () => {
    const lia = await person({ name: 'Lia Amaral', email: 'lamaral@undp.org', role: 'alternate', agency: 'UNDP' });
    const token = new URL(await linkFor(lia.id)).searchParams.get('token')!;
    const press = (headers: Record<string, string> = {}) =>
      fetch(`${stack.baseUrl}/session/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
    // Another site's form, posting its own link into a visitor's browser: refused, and the link is not used up.
    const forged = await press({ origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect((await press({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const both = await Promise.all([press({ origin: stack.baseUrl }), press({ origin: stack.baseUrl })]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 401]);
  });

  it('refuses a link that is not one, that is not yours to issue, or with nobody signed in', async () => {
    expect((await call('GET', '/session')).status).toBe(401);
    expect((await call('GET', '/session')).body.message).toMatch(/sign-in link/);
    const bad = await call('POST', '/session/link', undefined, { token: 'ml_nope' });
    expect(bad).toMatchObject({ status: 400, body: { details: [{ field: 'token' }] } });
    const unknown = await call('POST', '/session/link', undefined, { token: `ml_${'A'.repeat(43)}` });
    expect(unknown.status).toBe(401);
    const lucia = await person({ name: 'Lúcia Pinto', email: 'lpinto@unicef.org', role: 'focal-point', agency: 'RCO' });
    expect((await call('POST', `/networks/tl/people/${lucia.id}/sign-in-link`, stack.key('ILO'))).status).toBe(403);
    expect(
      (await call('POST', `/networks/xx/people/${lucia.id}/sign-in-link`, stack.keys.xx['seed:coordinator'])).status,
    ).toBe(404);
    // The page escapes nothing it does not need to: a token that is not one is not echoed back.
    const page = await new CookieJar().fetch(`${stack.baseUrl}/session/link?token=%22%3E%3Cscript%3E`);
    expect(await page.text()).not.toContain('<script>');
  });
});
