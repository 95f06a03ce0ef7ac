import type { PersonDto } from '../../apps/api/people/person.dto';
import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { findChainBreak, readAuditLog } from '../../libs/persistence/audit-chain';
import { generalProposal } from '../support/proposal';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/** A network's named people: who acts, on behalf of which agency, with keys of their own. */
describe('people (end to end)', () => {
  const { stack, call } = useTestStack();
  const people = (key = stack.key('coordinator')) =>
    call<{ items: PersonDto[] }>('GET', '/networks/tl/people', key).then((r) => r.body.items);
  const add = (body: Record<string, unknown>, key = stack.key('coordinator'), network = 'tl') =>
    call<PersonDto & { code?: string; details?: { field: string }[] }>(
      'POST',
      `/networks/${network}/people`,
      key,
      body,
    );
  const keyOf = async (person: string, label = 'laptop', network = 'tl', by = stack.key('coordinator')) => {
    const issued = await call<{ key: string; role: string; agency: string | null; person: string }>(
      'POST',
      `/networks/${network}/keys`,
      by,
      { label, person },
    );
    expect(issued.status).toBe(201);
    return issued.body;
  };

  it('refuses what a person cannot be, naming the field, and writes nothing', async () => {
    const before = (await people()).length;
    const maria = await add({ name: 'Maria Soares', email: 'MSoares@ilo.org', role: 'focal-point', agency: 'ILO' });
    expect(maria.status).toBe(201);
    expect(maria.body).toMatchObject({ email: 'msoares@ilo.org', agency: 'ILO', language: 'en', active: true });

    const refused: [Record<string, unknown>, number, string][] = [
      [{ name: 'X', email: 'msoares@ILO.org', role: 'alternate', agency: 'ILO' }, 409, 'email'],
      [{ name: 'X', email: 'x1@who.int', role: 'focal-point', agency: 'WHO' }, 400, 'agency'],
      [{ name: 'X', email: 'x2@ilo.org', role: 'focal-point' }, 400, 'agency'],
      [{ name: 'X', email: 'x3@ilo.org', role: 'coordinator', agency: 'ILO' }, 400, 'agency'],
      [{ name: 'X', email: 'x4@oios.org', role: 'auditor', agency: 'UNDP' }, 400, 'agency'],
      [{ name: 'X', email: 'x5@ilo.org', role: 'focal-point', agency: 'ILO', twg: 'labour-migration' }, 400, 'twg'],
      [{ name: 'X', email: 'x6@ilo.org', role: 'twg-lead', agency: 'ILO', twg: 'no-such-twg' }, 400, 'twg'],
      [{ name: 'X', email: 'x7@ilo.org', role: 'twg-lead', agency: 'ILO' }, 400, 'twg'],
      [{ name: 'X', email: 'not an address', role: 'observer' }, 400, 'email'],
      [{ name: 'X', email: 'x8@gov.tl', role: 'minister' }, 400, 'role'],
      [{ name: '   ', email: 'x9@gov.tl', role: 'observer' }, 400, 'name'],
      [{ name: 'X', email: 'x10@gov.tl', role: 'observer', language: 'fr' }, 400, 'language'],
    ];
    for (const [body, status, field] of refused) {
      const r = await add(body);
      expect({ body, status: r.status, fields: r.body.details?.map((d) => d.field) }).toEqual({
        body,
        status,
        fields: [field],
      });
    }
    // Neither an agency's key nor another network's coordinator adds anyone here; nor may a patch blank a name.
    expect((await add({ name: 'X', email: 'x11@ilo.org', role: 'observer' }, stack.key('ILO'))).status).toBe(403);
    expect(
      (await add({ name: 'X', email: 'x12@ilo.org', role: 'observer' }, stack.keys.xx['seed:coordinator'])).status,
    ).toBe(404);
    const nulled = await call<{ details: { field: string }[] }>(
      'PATCH',
      `/networks/tl/people/${maria.body.id}`,
      stack.key('coordinator'),
      { name: null },
    );
    expect(nulled.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    expect((await people()).length).toBe(before + 1);

    // A key is a person's or a service account's, not both; the person must be this network's and active.
    const both = await call<{ details: { field: string }[] }>('POST', '/networks/tl/keys', stack.key('coordinator'), {
      label: 'x',
      person: maria.body.id,
      role: 'coordinator',
    });
    expect(both.body.details.map((d) => d.field)).toEqual(['role']);
    const other = await call<{ details: { field: string }[] }>(
      'POST',
      '/networks/xx/keys',
      stack.keys.xx['seed:coordinator'],
      {
        label: 'x',
        person: maria.body.id,
      },
    );
    expect(other.body.details.map((d) => d.field)).toEqual(['person']);
  });

  it('records the person and the agency on what they do: the task, the timeline and the audit log', async () => {
    const ana = await add({
      name: 'Ana da Costa',
      email: 'adacosta@ilo.org',
      role: 'alternate',
      agency: 'ILO',
      language: 'tet',
    });
    expect(ana.status).toBe(201);
    const anaKey = await keyOf(ana.body.id);
    expect(anaKey).toMatchObject({ role: 'agency', agency: 'ILO', person: ana.body.id });

    const circulated = await call<{ workflowId: string }>(
      'POST',
      '/networks/tl/decisions',
      stack.key('coordinator'),
      generalProposal('Adopt the communication protocol'),
    );
    expect(circulated.status).toBe(201);
    const wf = circulated.body.workflowId;
    const task = encodeURIComponent(`${wf}:concur-or-object:r1:ILO`);
    await waitFor(
      async () => (await call('GET', `/networks/tl/tasks/${task}`, anaKey.key)).status === 200 || undefined,
      "ILO's answer task",
    );
    const done = await call<TaskDto>('POST', `/networks/tl/tasks/${task}/complete`, anaKey.key, { answer: 'concur' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ completedBy: 'ILO', completedByPerson: 'Ana da Costa' });
    // Read from the read model too, not only the Update's answer.
    expect((await call<TaskDto>('GET', `/networks/tl/tasks/${task}`, stack.key('coordinator'))).body).toMatchObject({
      completedBy: 'ILO',
      completedByPerson: 'Ana da Costa',
    });

    const timeline = await call<{
      items: { type: string; agency: string; person: string | null; personId: string | null }[];
    }>('GET', `/networks/tl/histories/${encodeURIComponent(wf)}/timeline`, stack.key('auditor'));
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.find((e) => e.type === 'TaskCompleted')).toMatchObject({
      agency: 'ILO',
      person: 'Ana da Costa',
      personId: ana.body.id,
    });
    // A service account's key (the seeded one) names no person.
    expect(timeline.body.items.find((e) => e.type === 'DecisionCirculated' || e.agency === 'IOM')).toMatchObject({
      person: null,
    });

    const log = await call<{
      items: { actorAgency: string; actorPerson: string | null; personId: string | null; target: string }[];
    }>('GET', '/networks/tl/audit-log?pageSize=500', stack.key('auditor'));
    expect(log.body.items.find((r) => r.target === decodeURIComponent(task))).toMatchObject({
      actorAgency: 'ILO',
      actorPerson: 'Ana da Costa',
      personId: ana.body.id,
    });
    // The rows naming people are in the chain like any other, their names inside the hash. (Walked here without the
    // anchors: on the test tier's shared Temporal server, `audit-anchor:tl` is the anchoring test's, not this stack's.)
    const ds = await stack.db.dataSource();
    const rows = await readAuditLog((sql, params) => ds.query(sql, params), 'tl');
    expect(rows.some((r) => r.actorPerson === 'Ana da Costa')).toBe(true);
    expect(findChainBreak(rows)).toBeUndefined();
    const named = rows.find((r) => r.actorPerson === 'Ana da Costa')!;
    expect(findChainBreak(rows.map((r) => (r === named ? { ...r, actorPerson: 'Someone else' } : r)))).toMatchObject({
      seq: named.seq,
    });
  });

  it('stops an inactive person’s keys at once, follows a changed part, and keeps an observer to reading', async () => {
    const joao = await add({ name: 'João Belo', email: 'jbelo@undp.org', role: 'focal-point', agency: 'UNDP' });
    const key = (await keyOf(joao.body.id)).key;
    expect((await call('GET', '/networks/tl/tasks', key)).status).toBe(200);
    const patch = (body: unknown) =>
      call<PersonDto>('PATCH', `/networks/tl/people/${joao.body.id}`, stack.key('coordinator'), body);

    const off = await patch({ active: false });
    expect(off.body).toMatchObject({ active: false });
    const refused = await call<{ message: string }>('GET', '/networks/tl/tasks', key);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('João Belo');
    // No new key for an inactive person either.
    expect(
      (await call('POST', '/networks/tl/keys', stack.key('coordinator'), { label: 'x', person: joao.body.id })).status,
    ).toBe(400);
    await patch({ active: true });
    expect((await call('GET', '/networks/tl/tasks', key)).status).toBe(200);

    // Made an auditor, the same key reads the audit log, which an agency's key may not; the key list follows.
    expect((await call('GET', '/networks/tl/audit-log', key)).status).toBe(403);
    expect((await patch({ role: 'auditor' })).body).toMatchObject({ role: 'auditor', agency: null });
    expect((await call('GET', '/networks/tl/audit-log', key)).status).toBe(200);
    const listed = (
      await call<{ items: { person: string | null; role: string; agency: string | null }[] }>(
        'GET',
        '/networks/tl/keys',
        stack.key('coordinator'),
      )
    ).body.items;
    expect(listed.filter((k) => k.person === joao.body.id)).toEqual([
      expect.objectContaining({ role: 'auditor', agency: null }),
    ]);

    const observer = await add({
      name: 'Dra. Lúcia Ximenes',
      email: 'lximenes@gov.tl',
      role: 'observer',
      language: 'pt',
    });
    expect(observer.status).toBe(201);
    const observerKey = await keyOf(observer.body.id);
    expect(observerKey).toMatchObject({ role: 'observer', agency: null });
    expect((await call('GET', '/networks/tl/tasks', observerKey.key)).status).toBe(200);
    expect((await call('GET', '/networks/tl/decisions', observerKey.key)).status).toBe(200);
    const wrote = await call<{ message: string }>(
      'POST',
      '/networks/tl/decisions',
      observerKey.key,
      generalProposal('x'),
    );
    expect(wrote.status).toBe(403);
    expect(wrote.body.message).toContain('observer');

    // The list filters, and everyone of the network may read it.
    expect((await people(stack.key('ILO'))).some((p) => p.name === 'Dra. Lúcia Ximenes')).toBe(true);
    const ilo = (
      await call<{ items: PersonDto[] }>('GET', '/networks/tl/people?agency=ILO&active=true', stack.key('auditor'))
    ).body.items;
    expect(ilo.length).toBeGreaterThanOrEqual(1);
    expect(ilo.every((p) => p.agency === 'ILO' && p.active)).toBe(true);
  });

  it('lets the platform administrator add a network’s first coordinator, whose own key then acts for the coordinating agency', async () => {
    const first = await add(
      { name: 'Xanana Pereira', email: 'xpereira@iom.int', role: 'coordinator' },
      stack.key('administrator'),
      'xx',
    );
    expect(first.status).toBe(201);
    expect(first.body.agency).toBe('IOM');
    const key = await keyOf(first.body.id, 'first key', 'xx', stack.key('administrator'));
    expect(key).toMatchObject({ role: 'coordinator', agency: 'IOM' });
    expect((await call('GET', '/networks/xx/people', key.key)).status).toBe(200);
    expect((await call('GET', '/networks/tl/people', key.key)).status).toBe(404);
  });
});
