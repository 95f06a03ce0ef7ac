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

/** Which option each command takes (a typo is an error, not an ignored flag). */
const OPTIONS: Record<string, readonly string[]> = {
  'networks list': [],
  'networks show': [],
  'networks create': ['code', 'name', 'country', 'time-zone', 'coordinator', 'member'],
  'people list': ['network', 'agency', 'role', 'active'],
  'people add': ['network', 'name', 'email', 'role', 'agency', 'twg', 'language'],
  'people set': ['network', 'name', 'email', 'role', 'agency', 'twg', 'language', 'active'],
  'people sign-in-link': ['network'],
  'keys list': ['network'],
  'keys issue': ['network', 'label', 'person', 'role', 'agency', 'scope', 'expires'],
  'keys rotate': ['network'],
  'keys revoke': ['network'],
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
  const allowed = OPTIONS[name];
  if (!allowed) {
    err.write(`Unknown command: mignet ${name.trim()}\n${ADMINISTRATION_USAGE}`);
    return 2;
  }
  const parsed = parse(args, allowed);
  if (typeof parsed === 'string') {
    err.write(`${parsed}\n${ADMINISTRATION_USAGE}`);
    return 2;
  }
  const o = parsed;
  const one = (key: string) => o.values.get(key)?.at(-1);
  const key = env.MIGNET_KEY?.trim();
  if (!key) {
    err.write('Set MIGNET_KEY to the key you administer with (a coordinator’s, or the platform administrator’s)\n');
    return 2;
  }
  const base = (env.MIGNET_API?.trim() || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const needs = (...names: string[]) => names.filter((n) => (n === 'id' ? !o.positional[0] : !one(n)));
  const missing = (names: string[]) => {
    err.write(`mignet ${name} needs ${names.map((n) => (n === 'id' ? '<id>' : `--${n}`)).join(', ')}\n`);
    return 2;
  };
  const net = () => encodeURIComponent(one('network') ?? '');
  const id = () => encodeURIComponent(o.positional[0] ?? '');
  const fields = (names: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(names)
        .filter(([flag]) => one(flag) !== undefined)
        .map(([flag, field]) => [field, field === 'active' ? one(flag) === 'true' : one(flag)]),
    );

  let request: { method: string; path: string; body?: unknown; show: (body: unknown) => string };
  switch (name) {
    case 'networks list':
      request = {
        method: 'GET',
        path: '/networks',
        show: (b) => rows((b as List).items, ['code', 'name', 'country', 'members']),
      };
      break;
    case 'networks show':
      if (needs('id').length) return missing(['id']);
      request = { method: 'GET', path: `/networks/${id()}`, show: pretty };
      break;
    case 'networks create': {
      const lacking = needs('code', 'name', 'time-zone', 'coordinator', 'member');
      if (lacking.length) return missing(lacking);
      const members = (o.values.get('member') ?? []).map((m) => {
        const at = m.indexOf('=');
        return at < 0 ? { code: m, name: m } : { code: m.slice(0, at), name: m.slice(at + 1) };
      });
      request = {
        method: 'POST',
        path: '/networks',
        body: {
          ...fields({
            code: 'code',
            name: 'name',
            country: 'country',
            'time-zone': 'timeZone',
            coordinator: 'coordinatorAgency',
          }),
          members,
        },
        show: (b) => {
          const made = b as {
            code: string;
            keys: { label: string; role: string; agency: string | null; key: string }[];
          };
          return `network ${made.code} created; its keys, shown this once:\n${rows(made.keys, ['label', 'role', 'agency', 'key'])}`;
        },
      };
      break;
    }
    case 'people list': {
      if (needs('network').length) return missing(['network']);
      const q = new URLSearchParams(
        fields({ agency: 'agency', role: 'role', active: 'active' }) as Record<string, string>,
      );
      request = {
        method: 'GET',
        path: `/networks/${net()}/people${q.size ? `?${q}` : ''}`,
        show: (b) => rows((b as List).items, ['id', 'name', 'email', 'role', 'agency', 'twg', 'language', 'active']),
      };
      break;
    }
    case 'people add': {
      const lacking = needs('network', 'name', 'email', 'role');
      if (lacking.length) return missing(lacking);
      request = {
        method: 'POST',
        path: `/networks/${net()}/people`,
        body: fields({
          name: 'name',
          email: 'email',
          role: 'role',
          agency: 'agency',
          twg: 'twg',
          language: 'language',
        }),
        show: (b) => `added ${describe(b)}\n`,
      };
      break;
    }
    case 'people set': {
      const lacking = needs('id', 'network');
      if (lacking.length) return missing(lacking);
      request = {
        method: 'PATCH',
        path: `/networks/${net()}/people/${id()}`,
        body: fields({
          name: 'name',
          email: 'email',
          role: 'role',
          agency: 'agency',
          twg: 'twg',
          language: 'language',
          active: 'active',
        }),
        show: (b) => `now ${describe(b)}\n`,
      };
      break;
    }
    case 'people sign-in-link': {
      const lacking = needs('id', 'network');
      if (lacking.length) return missing(lacking);
      request = {
        method: 'POST',
        path: `/networks/${net()}/people/${id()}/sign-in-link`,
        show: (b) => {
          const l = b as { link: string; expiresAt: string };
          return `${l.link}\n(works once, until ${l.expiresAt}: hand it over as a password)\n`;
        },
      };
      break;
    }
    case 'keys list':
      if (needs('network').length) return missing(['network']);
      request = {
        method: 'GET',
        path: `/networks/${net()}/keys`,
        show: (b) =>
          rows((b as List).items, ['id', 'label', 'role', 'agency', 'scope', 'expiresAt', 'lastUsedAt', 'revokedAt']),
      };
      break;
    case 'keys issue': {
      const lacking = needs('network', 'label');
      if (lacking.length) return missing(lacking);
      request = {
        method: 'POST',
        path: `/networks/${net()}/keys`,
        body: fields({
          label: 'label',
          person: 'person',
          role: 'role',
          agency: 'agency',
          scope: 'scope',
          expires: 'expiresAt',
        }),
        show: showKey,
      };
      break;
    }
    default: {
      // keys rotate | keys revoke
      const lacking = needs('id', 'network');
      if (lacking.length) return missing(lacking);
      request = {
        method: 'POST',
        path: `/networks/${net()}/keys/${id()}/${command}`,
        show: command === 'rotate' ? showKey : (b) => `revoked on ${(b as { revokedAt: string }).revokedAt}\n`,
      };
    }
  }

  let res: Response;
  try {
    res = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${key}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
  } catch (e) {
    err.write(
      `The API at ${base} did not answer (${(e as Error).cause ?? (e as Error).message}): is it running? (MIGNET_API)\n`,
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
  out.write(o.json ? `${JSON.stringify(body, null, 2)}\n` : request.show(body));
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
