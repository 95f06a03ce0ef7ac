import { main } from '../../apps/cli/mignet';
import { useTestStack } from '../support/test-stack';

/** `mignet networks|people|keys …` against the running API, with the administering key: what it prints and refuses. */
describe('mignet networks, people and keys (end to end)', () => {
  const { stack, call } = useTestStack({ worker: false });
  const saved = { api: process.env.MIGNET_API, key: process.env.MIGNET_KEY };
  afterAll(() => {
    process.env.MIGNET_API = saved.api;
    process.env.MIGNET_KEY = saved.key;
  });

  const mignet = (key: string | undefined, ...argv: string[]) => mignetAt(stack.baseUrl, key, ...argv);
  async function mignetAt(api: string, key: string | undefined, ...argv: string[]) {
    process.env.MIGNET_API = api;
    if (key === undefined) delete process.env.MIGNET_KEY;
    else process.env.MIGNET_KEY = key;
    let out = '';
    let err = '';
    const sink = (append: (c: string) => void) =>
      ({ write: (c: string) => (append(c), true) }) as unknown as NodeJS.WritableStream;
    const code = await main(
      argv,
      sink((c) => (out += c)),
      sink((c) => (err += c)),
    );
    return { code, out, err };
  }

  it('adds a person, issues their key and a sign-in link, and revokes the key, as the coordinator', async () => {
    const coordinator = stack.key('coordinator');
    const added = await mignet(
      coordinator,
      'people',
      'add',
      '--network',
      'tl',
      '--name',
      'Joana Ximenes',
      '--email',
      'jximenes@unfpa.org',
      '--role',
      'focal-point',
      '--agency',
      'UNFPA',
      '--json',
    );
    expect(added.code).toBe(0);
    const person = JSON.parse(added.out) as { id: string; agency: string };
    expect(person.agency).toBe('UNFPA');

    const list = await mignet(coordinator, 'people', 'list', '--network', 'tl', '--agency', 'UNFPA');
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toMatch(/^id\s+name\s+email\s+role\s+agency/);
    expect(list.out).toMatch(new RegExp(`${person.id}\\s+Joana Ximenes\\s+jximenes@unfpa.org\\s+focal-point\\s+UNFPA`));

    const issued = await mignet(
      coordinator,
      'keys',
      'issue',
      '--network',
      'tl',
      '--label',
      'Joana laptop',
      '--person',
      person.id,
    );
    expect(issued.code).toBe(0);
    const secret = /^(mn_tl_\S+)$/m.exec(issued.out)?.[1];
    expect(secret).toBeDefined();
    expect((await call('GET', '/networks/tl/tasks?assignee=UNFPA', secret)).status).toBe(200);
    const keyId = /^key (\S+) /m.exec(issued.out)![1];

    const link = await mignet(coordinator, 'people', 'sign-in-link', person.id, '--network', 'tl');
    expect(link.code).toBe(0);
    expect(link.out).toMatch(new RegExp(`^${stack.baseUrl}/session/link\\?token=ml_`));

    const revoked = await mignet(coordinator, 'keys', 'revoke', keyId, '--network', 'tl');
    expect(revoked).toMatchObject({ code: 0, out: expect.stringMatching(/^revoked on /) });
    expect((await call('GET', '/networks/tl/tasks', secret)).status).toBe(401);

    const off = await mignet(coordinator, 'people', 'set', person.id, '--network', 'tl', '--active', 'false');
    expect(off).toMatchObject({ code: 0, out: expect.stringContaining('(inactive)') });
  });

  it('creates a network with the platform administrator’s key and lists it', async () => {
    const admin = stack.key('administrator');
    const made = await mignet(
      admin,
      'networks',
      'create',
      '--code',
      'ws',
      '--name',
      'UN Migration Network in Samoa',
      '--country',
      'Samoa',
      '--time-zone',
      'Pacific/Apia',
      '--coordinator',
      'IOM',
      '--member',
      'IOM=International Organization for Migration',
      '--member',
      'UNDP=United Nations Development Programme',
    );
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^network ws created/);
    expect(made.out).toMatch(/seed:coordinator\s+coordinator\s+IOM\s+mn_ws_/);
    const list = await mignet(admin, 'networks', 'list');
    expect(list.out).toMatch(/ws\s+UN Migration Network in Samoa\s+Samoa\s+2/);
  });

  it('says what is wrong: the field the API names, a typo, no key, no API', async () => {
    const bad = await mignet(
      stack.key('coordinator'),
      'people',
      'add',
      '--network',
      'tl',
      '--name',
      'X',
      '--email',
      'x@who.int',
      '--role',
      'focal-point',
      '--agency',
      'WHO',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^400: /);
    expect(bad.err).toMatch(/ {2}agency: WHO is not a member agency/);
    const forbidden = await mignet(stack.key('ILO'), 'keys', 'list', '--network', 'tl');
    expect(forbidden).toMatchObject({ code: 1, err: expect.stringMatching(/^403: /) });

    expect((await mignet(stack.key('coordinator'), 'people', 'add', '--netwrok', 'tl')).code).toBe(2);
    expect((await mignet(stack.key('coordinator'), 'people', 'add', '--network', 'tl')).err).toMatch(
      /needs --name, --email, --role/,
    );
    expect((await mignet(undefined, 'keys', 'list', '--network', 'tl')).err).toMatch(/Set MIGNET_KEY/);
    const { code, err } = await mignetAt(
      'http://127.0.0.1:9',
      stack.key('coordinator'),
      'keys',
      'list',
      '--network',
      'tl',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/did not answer/);
  });
});
