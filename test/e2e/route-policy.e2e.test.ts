import { Caller, expressPath, ROUTE_POLICY } from '../../apps/api/auth/route-policy';
import { useTestStack } from '../support/test-stack';

interface Route {
  readonly method: string;
  readonly path: string;
}

/**
 * The policy table (apps/api/auth/route-policy.ts), walked over every route the API documents (the OpenAPI document is
 * generated from the controllers, so a new route is walked too): each caller is answered as its row says; and the
 * rules every route keeps: a key of one network reads and does nothing of another's; the platform administrator reads
 * no network's content (its keys and people aside); a read-only key and an observer send no command.
 */
describe('route policy over every documented route', () => {
  const { stack, call } = useTestStack();
  let routes: Route[] = [];
  const url = (path: string, network = 'tl') =>
    path
      .replace('{network}', network)
      .replace('{year}', '2030')
      .replace(/\{[^}]+\}/g, 'x');
  const status = async (r: Route, key: string, network = 'tl') =>
    (await call(r.method, url(r.path, network), key, r.method === 'GET' ? undefined : {})).status;

  beforeAll(async () => {
    const doc = (await call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json')).body;
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  // A route the table opens to anyone (a calendar feed, read with a token of its own) is its service's to check.
  const keyed = (r: Route) => ROUTE_POLICY[`${r.method} ${expressPath(r.path)}`]?.who !== 'anyone';
  const ofNetwork = () => routes.filter((r) => r.path.startsWith('/networks/{network}/') && keyed(r));

  it('walks the routes of a network: more than forty of them, each with its row in the policy table', () => {
    expect(ofNetwork().length).toBeGreaterThan(40);
    // /metrics is the one route left out of the docs (Prometheus' scrape target).
    expect(routes.map((r) => `${r.method} ${expressPath(r.path)}`).sort()).toEqual(
      Object.keys(ROUTE_POLICY)
        .filter((k) => k !== 'GET /metrics')
        .sort(),
    );
    const observerCommands = Object.entries(ROUTE_POLICY).filter(
      ([route, p]) => !route.startsWith('GET ') && p.who !== 'anyone' && p.who.includes('observer'),
    );
    expect(observerCommands).toEqual([]);
  });

  it('answers every caller of every route of a network as its row in the policy table says', async () => {
    const observer = await call<{ key: string }>('POST', '/networks/tl/keys', stack.key('coordinator'), {
      label: 'policy walk',
      role: 'observer',
    });
    expect(observer.status).toBe(201);
    const callers: Record<Caller, string> = {
      coordinator: stack.key('coordinator'),
      agency: stack.key('ILO'),
      auditor: stack.key('auditor'),
      observer: observer.body.key,
      administrator: stack.key('administrator'),
    };
    const walked: string[] = [];
    for (const r of routes.filter((x) => x.path.startsWith('/networks'))) {
      const policy = ROUTE_POLICY[`${r.method} ${expressPath(r.path)}`];
      if (policy.who === 'anyone') continue;
      for (const [caller, key] of Object.entries(callers) as [Caller, string][]) {
        const answered = await status(r, key);
        const route = `${r.method} ${r.path}`;
        // Refused (403) exactly when the row does not name the caller; an allowed caller gets past the guard (its
        // answer is the route's own: 200, 400 for the empty body, 404 for the placeholder id).
        expect({ route, caller, refused: answered === 403 || answered === 401 }).toEqual({
          route,
          caller,
          refused: !policy.who.includes(caller),
        });
        walked.push(route);
      }
    }
    expect(new Set(walked).size).toBeGreaterThan(40);
  });

  it("answers another network's key 404 on every route of a network, whatever it is", async () => {
    const other = stack.keys.xx['seed:coordinator'];
    for (const r of ofNetwork())
      expect({ route: `${r.method} ${r.path}`, status: await status(r, other) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 404,
      });
    // Its attempts are in tl's log as requests without a valid key: nothing of xx's key or agency there.
    const { items } = (await call<{ items: { id: string; label: string }[] }>('GET', '/networks/xx/keys', other)).body;
    const otherId = items.find((k) => k.label === 'seed:coordinator')!.id;
    const rows: { keyId: string | null; actorRole: string | null }[] = [];
    for (let page = 1; ; page++) {
      const got = (
        await call<{ items: typeof rows; total: number }>(
          'GET',
          `/networks/tl/audit-log?page=${page}&pageSize=100`,
          stack.key('auditor'),
        )
      ).body;
      rows.push(...got.items);
      if (got.items.length < 100) break;
    }
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.keyId === otherId)).toEqual([]);
  });

  it("refuses the platform administrator every route of a network's content, its keys and people aside", async () => {
    const administration = ['/networks/{network}/keys', '/networks/{network}/people'];
    for (const r of ofNetwork().filter((x) => !administration.some((a) => x.path.startsWith(a))))
      expect({ route: `${r.method} ${r.path}`, status: await status(r, stack.key('administrator')) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
      });
  });

  it('refuses a read-only key every command, on every route', async () => {
    const issued = await call<{ key: string }>('POST', '/networks/tl/keys', stack.key('coordinator'), {
      label: 'read-only coordinator',
      role: 'coordinator',
      scope: 'read-only',
    });
    expect(issued.status).toBe(201);
    const commands = routes.filter((r) => r.method !== 'GET' && r.path.startsWith('/networks') && keyed(r));
    expect(commands.length).toBeGreaterThanOrEqual(20);
    for (const r of commands)
      expect({ route: `${r.method} ${r.path}`, status: await status(r, issued.body.key) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
      });
  });

  it('lets no network key administer networks', async () => {
    const platform = routes.filter((r) => r.path === '/networks' || r.path === '/networks/{network}');
    expect(platform.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /networks',
      'GET /networks/{network}',
      'PATCH /networks/{network}',
      'POST /networks',
    ]);
    for (const who of ['coordinator', 'auditor', 'ILO'])
      for (const r of platform)
        expect({ who, route: `${r.method} ${r.path}`, status: await status(r, stack.key(who)) }).toEqual({
          who,
          route: `${r.method} ${r.path}`,
          status: 403,
        });
  });

  it("gives a signed-in person of another network 404 everywhere, and refuses a session's command without its CSRF token", async () => {
    // The coordinator of xx, signed in with a link: a session, not a key.
    const added = await call<{ id: string }>('POST', '/networks/xx/people', stack.keys.xx['seed:coordinator'], {
      name: 'Policy Walker',
      email: 'walker@iom.int',
      role: 'coordinator',
    });
    const link = await call<{ link: string }>(
      'POST',
      `/networks/xx/people/${added.body.id}/sign-in-link`,
      stack.keys.xx['seed:coordinator'],
    );
    const used = await fetch(`${stack.baseUrl}/session/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: new URL(link.body.link).searchParams.get('token') }),
    });
    expect(used.status).toBe(201);
    const cookie = used.headers.getSetCookie()[0].split(';')[0];
    const bySession = async (r: Route, network: string, csrf?: string) =>
      (
        await fetch(`${stack.baseUrl}${url(r.path, network)}`, {
          method: r.method,
          headers: {
            cookie,
            ...(r.method === 'GET' ? {} : { 'content-type': 'application/json' }),
            ...(csrf ? { 'x-csrf-token': csrf } : {}),
          },
          body: r.method === 'GET' ? undefined : '{}',
        })
      ).status;
    const { csrfToken } = (await used.json()) as { csrfToken: string };
    for (const r of ofNetwork())
      expect({ route: `${r.method} ${r.path}`, status: await bySession(r, 'tl', csrfToken) }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 404,
      });
    const commands = routes.filter((r) => r.method !== 'GET' && r.path.startsWith('/networks/{network}/') && keyed(r));
    for (const r of commands)
      expect({ route: `${r.method} ${r.path}`, status: await bySession(r, 'xx') }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
      });
  });
});
