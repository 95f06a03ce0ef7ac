/**
 * `mignet networks|people|keys …`: administering networks, their people and their keys through the API, with the
 * key of whoever administers (MIGNET_KEY: a network's coordinator, or the platform administrator), so the CLI's
 * commands are validated, authorised and audited exactly as the API's are. MIGNET_API names the API
 * (default http://127.0.0.1:3000).
 */

export const ADMINISTRATION_USAGE = `
  Administering (through the API at MIGNET_API, default http://127.0.0.1:3000, with the key in MIGNET_KEY):
  mignet networks list | show <code>
  mignet networks create --code <code> --name <name> --country <country> --time-zone <IANA zone>
        --coordinator <agency> --member <CODE=Agency name> [--member …]         (the platform administrator's key)
  mignet people list --network <code> [--agency <code>] [--role <role>] [--active true|false]
  mignet people add --network <code> --name <name> --email <address> --role <role> [--agency <code>] [--twg <code>]
        [--language en|tet|pt]
  mignet people set <id> --network <code> [--name …] [--email …] [--role …] [--agency …] [--twg …] [--language …]
        [--active true|false]
  mignet people sign-in-link <id> --network <code>      a one-time link that signs the person in (shown once)
  mignet keys list --network <code>
  mignet keys issue --network <code> --label <label> (--person <id> | --role <role> [--agency <code>])
        [--scope read-write|read-only] [--expires <ISO date-time>]             (the secret is shown once)
  mignet keys rotate <id> --network <code> | mignet keys revoke <id> --network <code>
  Every command takes --json for the API's answer as it is.
`;

type Out = NodeJS.WritableStream;
type Options = { positional: string[]; json: boolean; values: Map<string, string[]> };

/** What a command's line gives its request: the last value of an option, every value, the `<id>`. */
interface Given {
  one(flag: string): string | undefined;
  all(flag: string): string[];
  id: string;
  /** The options named (flag → body field), those given, as the body's fields (`--active` as a boolean). */
  fields(names: Record<string, string>): Record<string, unknown>;
}

interface Command {
  /** The options it takes: any other is a typo, refused rather than ignored. */
  readonly options: readonly string[];
  /** What it cannot do without (`id`: the positional `<id>`). */
  readonly needs: readonly string[];
  readonly request: (g: Given) => { method: string; path: string; body?: unknown };
  readonly show: (body: unknown) => string;
}

const network = (g: Given) => `/networks/${encodeURIComponent(g.one('network') ?? '')}`;
const PERSON_FIELDS = {
  name: 'name',
  email: 'email',
  role: 'role',
  agency: 'agency',
  twg: 'twg',
  language: 'language',
};

/** Every administration command: its options, what it needs, its request to the API, and how its answer is shown. */
const COMMANDS: Record<string, Command> = {
  'networks list': {
    options: [],
    needs: [],
    request: () => ({ method: 'GET', path: '/networks' }),
    show: (b) => rows((b as List).items, ['code', 'name', 'country', 'members']),
  },
  'networks show': {
    options: [],
    needs: ['id'],
    request: (g) => ({ method: 'GET', path: `/networks/${g.id}` }),
    show: pretty,
  },
  'networks create': {
    options: ['code', 'name', 'country', 'time-zone', 'coordinator', 'member'],
    needs: ['code', 'name', 'time-zone', 'coordinator', 'member'],
    request: (g) => ({
      method: 'POST',
      path: '/networks',
      body: {
        ...g.fields({
          code: 'code',
          name: 'name',
          country: 'country',
          'time-zone': 'timeZone',
          coordinator: 'coordinatorAgency',
        }),
        // `CODE=Agency name`; a bare code is its own name
        members: g.all('member').map((m) => {
          const at = m.indexOf('=');
          return at < 0 ? { code: m, name: m } : { code: m.slice(0, at), name: m.slice(at + 1) };
        }),
      },
    }),
    show: (b) => {
      const made = b as { code: string; keys: { label: string; role: string; agency: string | null; key: string }[] };
      return `network ${made.code} created; its keys, shown this once:\n${rows(made.keys, ['label', 'role', 'agency', 'key'])}`;
    },
  },
  'people list': {
    options: ['network', 'agency', 'role', 'active'],
    needs: ['network'],
    request: (g) => {
      const q = new URLSearchParams(g.fields({ agency: 'agency', role: 'role' }) as Record<string, string>);
      if (g.one('active') !== undefined) q.set('active', g.one('active')!);
      return { method: 'GET', path: `${network(g)}/people${q.size ? `?${q}` : ''}` };
    },
    show: (b) => rows((b as List).items, ['id', 'name', 'email', 'role', 'agency', 'twg', 'language', 'active']),
  },
  'people add': {
    options: ['network', ...Object.keys(PERSON_FIELDS)],
    needs: ['network', 'name', 'email', 'role'],
    request: (g) => ({ method: 'POST', path: `${network(g)}/people`, body: g.fields(PERSON_FIELDS) }),
    show: (b) => `added ${describe(b)}\n`,
  },
  'people set': {
    options: ['network', ...Object.keys(PERSON_FIELDS), 'active'],
    needs: ['id', 'network'],
    request: (g) => ({
      method: 'PATCH',
      path: `${network(g)}/people/${g.id}`,
      body: g.fields({ ...PERSON_FIELDS, active: 'active' }),
    }),
    show: (b) => `now ${describe(b)}\n`,
  },
  'people sign-in-link': {
    options: ['network'],
    needs: ['id', 'network'],
    request: (g) => ({ method: 'POST', path: `${network(g)}/people/${g.id}/sign-in-link` }),
    show: (b) => {
      const l = b as { link: string; expiresAt: string };
      return `${l.link}\n(works once, until ${l.expiresAt}: hand it over as a password)\n`;
    },
  },
  'keys list': {
    options: ['network'],
    needs: ['network'],
    request: (g) => ({ method: 'GET', path: `${network(g)}/keys` }),
    show: (b) =>
      rows((b as List).items, ['id', 'label', 'role', 'agency', 'scope', 'expiresAt', 'lastUsedAt', 'revokedAt']),
  },
  'keys issue': {
    options: ['network', 'label', 'person', 'role', 'agency', 'scope', 'expires'],
    needs: ['network', 'label'],
    request: (g) => ({
      method: 'POST',
      path: `${network(g)}/keys`,
      body: g.fields({
        label: 'label',
        person: 'person',
        role: 'role',
        agency: 'agency',
        scope: 'scope',
        expires: 'expiresAt',
      }),
    }),
    show: showKey,
  },
  'keys rotate': {
    options: ['network'],
    needs: ['id', 'network'],
    request: (g) => ({ method: 'POST', path: `${network(g)}/keys/${g.id}/rotate` }),
    show: showKey,
  },
  'keys revoke': {
    options: ['network'],
    needs: ['id', 'network'],
    request: (g) => ({ method: 'POST', path: `${network(g)}/keys/${g.id}/revoke` }),
    show: (b) => `revoked on ${(b as { revokedAt: string }).revokedAt}\n`,
  },
};

export function isAdministration(group: string | undefined): boolean {
  return group === 'networks' || group === 'people' || group === 'keys';
}

export async function administration(
  group: string,
  command: string | undefined,
  args: readonly string[],
  out: Out,
  err: Out,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const name = `${group} ${command ?? ''}`;
  const spec = COMMANDS[name];
  if (!spec) {
    err.write(`Unknown command: mignet ${name.trim()}\n${ADMINISTRATION_USAGE}`);
    return 2;
  }
  const o = parse(args, spec.options);
  if (typeof o === 'string') {
    err.write(`${o}\n${ADMINISTRATION_USAGE}`);
    return 2;
  }
  const key = env.MIGNET_KEY?.trim();
  if (!key) {
    err.write('Set MIGNET_KEY to the key you administer with (a coordinator’s, or the platform administrator’s)\n');
    return 2;
  }
  const one = (flag: string) => o.values.get(flag)?.at(-1);
  const lacking = spec.needs.filter((n) => (n === 'id' ? !o.positional[0] : !one(n)));
  if (lacking.length > 0) {
    err.write(`mignet ${name} needs ${lacking.map((n) => (n === 'id' ? '<id>' : `--${n}`)).join(', ')}\n`);
    return 2;
  }
  const request = spec.request({
    one,
    all: (flag) => o.values.get(flag) ?? [],
    id: encodeURIComponent(o.positional[0] ?? ''),
    fields: (names) =>
      Object.fromEntries(
        Object.entries(names)
          .filter(([flag]) => one(flag) !== undefined)
          .map(([flag, field]) => [field, field === 'active' ? one(flag) === 'true' : one(flag)]),
      ),
  });

  const base = (env.MIGNET_API?.trim() || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${key}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
  } catch (e) {
    err.write(
      `The API at ${base} did not answer (${String((e as Error).cause ?? (e as Error).message)}): is it running? (MIGNET_API)\n`,
    );
    return 1;
  }
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body as { message?: string; details?: { field: string; message: string }[] } | null;
    err.write(`${res.status}: ${e?.message ?? text}\n`);
    for (const d of e?.details ?? []) err.write(`  ${d.field}: ${d.message}\n`);
    return 1;
  }
  out.write(o.json ? `${JSON.stringify(body, null, 2)}\n` : spec.show(body));
  return 0;
}

type List = { items: Record<string, unknown>[] };

function parse(args: readonly string[], allowed: readonly string[]): Options | string {
  const o: Options = { positional: [], json: false, values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') o.json = true;
    else if (arg.startsWith('--')) {
      const flag = arg.slice(2);
      if (!allowed.includes(flag)) return `unknown option ${arg}`;
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      o.values.set(flag, [...(o.values.get(flag) ?? []), value]);
    } else o.positional.push(arg);
  }
  return o;
}

function rows(items: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cells = items.map((item) =>
    columns.map((c) => (item[c] === null || item[c] === undefined ? '' : String(item[c]))),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n') + '\n';
}

function pretty(body: unknown): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

function describe(b: unknown): string {
  const p = b as { id: string; name: string; email: string; role: string; agency: string | null; active: boolean };
  return `${p.name} <${p.email}>, ${p.role}${p.agency ? ` of ${p.agency}` : ''}${p.active ? '' : ' (inactive)'} — id ${p.id}`;
}

function showKey(b: unknown): string {
  const k = b as { id: string; label: string; role: string; agency: string | null; key: string };
  return `key ${k.id} (${k.label}: ${k.role}${k.agency ? ` of ${k.agency}` : ''}), shown this once:\n${k.key}\n`;
}
