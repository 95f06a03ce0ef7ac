import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { verifyAuditLog } from '../../libs/persistence/audit-chain';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';

interface Created {
  code: string;
  members: number;
  keys: { label: string; role: string; agency: string | null; key: string }[];
}

/**
 * Networks as data: a platform administrator creates a second country network over the API, with its members and
 * their keys; both networks run a contribution round at once, and neither's keys read anything of the other's.
 */
describe('networks (end to end): created over the API, each seeing only its own', () => {
  const { stack, call } = useTestStack();
  const year = claimYear();
  const admin = () => stack.key('administrator');
  const fiji = {
    code: 'fj',
    name: 'UN Migration Network in Fiji',
    country: 'Fiji',
    timeZone: 'Pacific/Fiji',
    coordinatorAgency: 'IOM',
    members: [
      { code: 'IOM', name: 'International Organization for Migration' },
      { code: 'ILO', name: 'International Labour Organization' },
      { code: 'UNICEF', name: "United Nations Children's Fund" },
    ],
  };
  let fj: Record<string, string> = {};

  it('refuses bad input with the field named, and writes nothing', async () => {
    const bad = async (change: Record<string, unknown>) =>
      (await call<{ details: { field: string }[] }>('POST', '/networks', admin(), { ...fiji, ...change })).body;
    expect(await bad({ code: 'Fiji Network' })).toMatchObject({ statusCode: 400, details: [{ field: 'code' }] });
    expect(await bad({ code: "fj'--" })).toMatchObject({ statusCode: 400, details: [{ field: 'code' }] });
    expect(await bad({ timeZone: 'Mars/Olympus' })).toMatchObject({ details: [{ field: 'timeZone' }] });
    expect(await bad({ coordinatorAgency: 'UNDP' })).toMatchObject({ details: [{ field: 'coordinatorAgency' }] });
    expect(
      await bad({ members: [...fiji.members, { code: 'ILO', name: 'again' }, { code: 'who', name: 'x' }] }),
    ).toMatchObject({ details: [{ field: 'members[3].code' }, { field: 'members[4].code' }] });
    expect(await bad({ members: [] })).toMatchObject({
      details: expect.arrayContaining([expect.objectContaining({ field: 'members' })]),
    });
    const list = await call<{ items: { code: string }[] }>('GET', '/networks', admin());
    expect(list.body.items.map((n) => n.code)).toEqual(['tl', 'xx']);
  });

  it('lets only the platform administrator administer networks, and it reads no network’s content', async () => {
    expect((await call('POST', '/networks', stack.key('coordinator'), fiji)).body).toMatchObject({
      statusCode: 403,
      message: "Only a platform administrator's key may administer networks",
    });
    expect((await call('GET', '/networks', stack.key('auditor'))).status).toBe(403);
    expect((await call('GET', '/networks/tl/tasks', admin())).status).toBe(403);
    expect((await call('GET', '/networks/tl/audit-log', admin())).status).toBe(403);
    expect((await call('GET', '/networks', 'mn_nope')).status).toBe(401);
  });

  it('creates a network with its members and a key for each, once', async () => {
    const created = await call<Created>('POST', '/networks', admin(), fiji);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'fj', country: 'Fiji', timeZone: 'Pacific/Fiji', members: 3 });
    expect(created.body.keys.map((k) => k.label).sort()).toEqual([
      'seed:agency:ILO',
      'seed:agency:IOM',
      'seed:agency:UNICEF',
      'seed:auditor',
      'seed:coordinator',
    ]);
    fj = Object.fromEntries(created.body.keys.map((k) => [k.label, k.key]));
    expect((await call('POST', '/networks', admin(), fiji)).body).toMatchObject({
      statusCode: 409,
      code: 'NETWORK_EXISTS',
      details: [{ field: 'code' }],
    });
    expect((await call('PATCH', '/networks/fj', admin(), { country: 'Republic of Fiji' })).body).toMatchObject({
      code: 'fj',
      name: fiji.name,
      country: 'Republic of Fiji',
    });
    expect((await call('PATCH', '/networks/fj', admin(), { code: 'fiji' })).status).toBe(400); // the code never changes
    expect((await call('GET', '/networks/zz', admin())).status).toBe(404);
    const members = await call<{ items: { code: string }[] }>('GET', '/networks/fj/members', fj['seed:coordinator']);
    expect(members.body.items.map((m) => m.code)).toEqual(['ILO', 'IOM', 'UNICEF']);
  });

  it('runs a contribution round in both networks at once; neither reads, lists, exports or replays the other’s', async () => {
    const start = (network: string, key: string) =>
      call('POST', `/networks/${network}/cycles`, key, { year, meetingsAndRounds: false });
    const [tlStart, fjStart] = await Promise.all([
      start('tl', stack.key('coordinator')),
      start('fj', fj['seed:coordinator']),
    ]);
    expect([tlStart.status, fjStart.status]).toEqual([201, 201]);
    const task = (network: string) => `annual-cycle:${network}:${year}:contribute-activities:ILO`;
    const complete = (network: string, key: string) =>
      call<TaskDto>('POST', `/networks/${network}/tasks/${encodeURIComponent(task(network))}/complete`, key, {
        activities: [proposal('ILO')],
      });
    await waitFor(
      async () =>
        (await call('GET', `/networks/fj/tasks/${encodeURIComponent(task('fj'))}`, fj['seed:agency:ILO'])).status ===
          200 || undefined,
      "fj's contribution task",
      30_000,
    );
    // fj's own people: its ILO focal point, with a key of her own, contributes for ILO there.
    const sera = await call<{ id: string }>('POST', '/networks/fj/people', fj['seed:coordinator'], {
      name: 'Sera Tuilau',
      email: 'stuilau@ilo.org',
      role: 'focal-point',
      agency: 'ILO',
    });
    expect(sera.status).toBe(201);
    const seraKey = (
      await call<{ key: string }>('POST', '/networks/fj/keys', fj['seed:coordinator'], {
        label: 'Sera',
        person: sera.body.id,
      })
    ).body.key;
    const [tlDone, fjDone] = await Promise.all([complete('tl', stack.key('ILO')), complete('fj', seraKey)]);
    expect([tlDone.status, fjDone.status]).toEqual([200, 200]);
    expect(fjDone.body).toMatchObject({ completedBy: 'ILO', completedByPerson: 'Sera Tuilau' });

    // Each network's key against the other's: the same 404 whether or not it exists.
    const crossings: [string, string][] = [
      [`/networks/tl/tasks/${encodeURIComponent(task('tl'))}`, fj['seed:agency:ILO']],
      ['/networks/tl/tasks', fj['seed:coordinator']],
      [`/networks/tl/cycles/${year}`, fj['seed:coordinator']],
      ['/networks/tl/histories', fj['seed:auditor']],
      [`/networks/tl/histories/export?year=${year}`, fj['seed:auditor']],
      ['/networks/tl/audit-log', fj['seed:auditor']],
      ['/networks/tl/people', seraKey],
      [`/networks/tl/people/${sera.body.id}`, stack.key('coordinator')],
      [`/networks/fj/people/${sera.body.id}`, stack.key('coordinator')],
      [`/networks/fj/tasks/${encodeURIComponent(task('fj'))}`, stack.key('ILO')],
      ['/networks/fj/histories', stack.key('auditor')],
      ['/networks/fj/audit-log', stack.key('auditor')],
    ];
    for (const [path, key] of crossings)
      expect({ path, status: (await call('GET', path, key)).status }).toEqual({ path, status: 404 });
    expect(
      (await call('POST', '/networks/tl/audits/replays', fj['seed:auditor'], { workflowId: `annual-cycle:tl:${year}` }))
        .status,
    ).toBe(404);
    expect(
      (
        await call('POST', `/networks/tl/tasks/${encodeURIComponent(task('tl'))}/complete`, fj['seed:agency:ILO'], {
          activities: [proposal('ILO')],
        })
      ).status,
    ).toBe(404);

    // Each sees its own: its people, its tasks, its histories, its audit log (fj's begins with its creation).
    const fjPeople = await call<{ items: { email: string }[] }>('GET', '/networks/fj/people', seraKey);
    expect(fjPeople.body.items.map((p) => p.email)).toEqual(['stuilau@ilo.org']);
    const fjTasks = await call<{ items: TaskDto[] }>('GET', '/networks/fj/tasks?assignee=ILO', fj['seed:coordinator']);
    expect(fjTasks.body.items.every((t) => t.id.startsWith(`annual-cycle:fj:`))).toBe(true);
    const log = await call<{ items: { command: string; actorRole: string | null; status: number }[] }>(
      'GET',
      '/networks/fj/audit-log',
      fj['seed:auditor'],
    );
    expect(log.body.items[0]).toMatchObject({ command: 'POST /networks', actorRole: 'administrator', status: 201 });
    expect(log.body.items.map((r) => r.command)).toContain('POST /networks/:network/cycles');
    const ds = await stack.db.dataSource();
    for (const network of ['tl', 'fj'])
      expect(await verifyAuditLog((sql, p) => ds.query(sql, p), network)).toMatchObject({ intact: true });
  });
});
