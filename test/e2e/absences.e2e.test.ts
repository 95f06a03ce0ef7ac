import type { AbsenceDto } from '../../apps/api/people/absence.dto';
import type { PersonDto } from '../../apps/api/people/person.dto';
import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { findChainBreak, readAuditLog } from '../../libs/persistence/audit-chain';
import { generalProposal } from '../support/proposal';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

type Refusal = { code: string; details?: { field: string }[] };

/** A person away and who stands in: the substitute acts on the absent person's agency's tasks, naming both. */
describe('absences with a substitute (end to end)', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const person = async (name: string, email: string, role: string, agency: string) => {
    const added = await call<PersonDto>('POST', '/networks/tl/people', coordinator(), { name, email, role, agency });
    expect(added.status).toBe(201);
    const key = await call<{ key: string }>('POST', '/networks/tl/keys', coordinator(), {
      label: 'laptop',
      person: added.body.id,
    });
    return { id: added.body.id, key: key.body.key };
  };
  const setAbsence = (key: string, body: Record<string, unknown>) =>
    call<AbsenceDto & Refusal>('POST', '/networks/tl/absences', key, body);
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  /** A decision in circulation and ILO's task to answer it. */
  const ilosAnswerTask = async (title: string) => {
    const circulated = await call<{ workflowId: string }>(
      'POST',
      '/networks/tl/decisions',
      coordinator(),
      generalProposal(title),
    );
    expect(circulated.status).toBe(201);
    const workflowId = circulated.body.workflowId;
    const task = encodeURIComponent(`${workflowId}:concur-or-object:r1:ILO`);
    await waitFor(
      async () => (await call('GET', `/networks/tl/tasks/${task}`, coordinator())).status === 200 || undefined,
      "ILO's answer task",
    );
    return { workflowId, task };
  };

  let maria: { id: string; key: string };
  let ana: { id: string; key: string };
  let felix: { id: string; key: string };
  beforeAll(async () => {
    maria = await person('Maria Soares', 'msoares@ilo.org', 'focal-point', 'ILO');
    ana = await person('Ana da Costa', 'adacosta@ilo.org', 'alternate', 'ILO');
    felix = await person('Felix Amaral', 'famaral@fao.org', 'focal-point', 'FAO');
  });

  it('refuses what an absence cannot be, naming the field, and writes nothing', async () => {
    const other = await call<PersonDto>('POST', '/networks/xx/people', stack.keys.xx['seed:coordinator'], {
      name: 'Elsewhere',
      email: 'elsewhere@ilo.org',
      role: 'coordinator',
    });
    const valid = { person: maria.id, substitute: ana.id, startsAt: hours(-1), endsAt: hours(24) };
    const refused: [string, Record<string, unknown>, number, string][] = [
      [maria.key, { ...valid, substitute: felix.id }, 403, 'substitute'], // another agency: the coordinator's leave
      [maria.key, { ...valid, substitute: '00000000-0000-4000-8000-000000000000' }, 400, 'substitute'],
      [maria.key, { ...valid, substitute: other.body.id }, 400, 'substitute'], // a person of another network
      [maria.key, { ...valid, substitute: maria.id }, 400, 'substitute'],
      [maria.key, { ...valid, endsAt: hours(-2) }, 400, 'endsAt'],
      [maria.key, { ...valid, endsAt: hours(24 * 400) }, 400, 'endsAt'],
      [maria.key, { ...valid, startsAt: '2030-07-01T00:00:00' }, 400, 'startsAt'],
      [ana.key, valid, 403, 'person'], // someone else's absence: the coordinator's to set
    ];
    for (const [key, body, status, field] of refused) {
      const r = await setAbsence(key, body);
      expect({ body, status: r.status, fields: r.body.details?.map((d) => d.field) }).toEqual({
        body,
        status,
        fields: [field],
      });
    }
    expect((await setAbsence(stack.key('auditor'), valid)).status).toBe(403);
    const listed = await call<{ items: AbsenceDto[] }>('GET', '/networks/tl/absences', stack.key('auditor'));
    expect(listed.body.items).toEqual([]);
  });

  it('lets a substitute of the agency act while the person is away, and keeps both names on what they do', async () => {
    const set = await setAbsence(maria.key, {
      person: maria.id,
      substitute: ana.id,
      startsAt: hours(-1),
      endsAt: hours(24),
      note: 'Annual leave',
    });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ person: 'Maria Soares', substitute: 'Ana da Costa', current: true });
    expect(set.body.setBy).toContain('Maria Soares');
    const overlapping = await setAbsence(coordinator(), {
      person: maria.id,
      substitute: ana.id,
      startsAt: hours(2),
      endsAt: hours(30),
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.details?.map((d) => d.field)).toEqual(['startsAt']);

    const { workflowId, task } = await ilosAnswerTask('Adopt the leave roster');
    const done = await call<TaskDto>('POST', `/networks/tl/tasks/${task}/complete`, ana.key, { answer: 'concur' });
    expect(done.status).toBe(200);
    const both = { completedBy: 'ILO', completedByPerson: 'Ana da Costa', completedOnBehalfOf: 'Maria Soares' };
    expect(done.body).toMatchObject(both);
    await waitFor(
      async () =>
        (await call<TaskDto>('GET', `/networks/tl/tasks/${task}`, coordinator())).body.completedOnBehalfOf ===
          'Maria Soares' || undefined,
      'the read model naming both',
    );

    const timeline = await call<{ items: { type: string; person: string | null; onBehalfOf: string | null }[] }>(
      'GET',
      `/networks/tl/histories/${encodeURIComponent(workflowId)}/timeline`,
      stack.key('auditor'),
    );
    expect(timeline.body.items.find((e) => e.type === 'TaskCompleted')).toMatchObject({
      person: 'Ana da Costa',
      onBehalfOf: 'Maria Soares',
    });
    const log = await call<{ items: Record<string, unknown>[] }>(
      'GET',
      '/networks/tl/audit-log?pageSize=500',
      stack.key('auditor'),
    );
    expect(log.body.items.find((r) => r.target === decodeURIComponent(task))).toMatchObject({
      actorAgency: 'ILO',
      actorPerson: 'Ana da Costa',
      personId: ana.id,
      onBehalfOf: 'Maria Soares',
      onBehalfOfId: maria.id,
    });
    // Both names are inside the row's hash. (Walked without the anchors: `audit-anchor:tl` is shared on this server.)
    const ds = await stack.db.dataSource();
    const rows = await readAuditLog((sql, params) => ds.query(sql, params), 'tl');
    expect(findChainBreak(rows)).toBeUndefined();
    const named = rows.find((r) => r.onBehalfOf === 'Maria Soares')!;
    expect(findChainBreak(rows.map((r) => (r === named ? { ...r, onBehalfOf: 'Someone else' } : r)))).toMatchObject({
      seq: named.seq,
    });

    // Back early: she ends it herself, and it shows as over.
    const ended = await call<AbsenceDto>('POST', `/networks/tl/absences/${set.body.id}/end`, maria.key);
    expect(ended.status).toBe(200);
    expect(ended.body.current).toBe(false);
    expect(Date.parse(ended.body.endsAt)).toBeLessThanOrEqual(Date.now());
  });

  it("lets another agency's person stand in only with the coordinator's leave, and stops them when it ends", async () => {
    const set = await setAbsence(coordinator(), {
      person: maria.id,
      substitute: felix.id,
      startsAt: hours(-1),
      endsAt: hours(48),
    });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ agency: 'ILO', substituteAgency: 'FAO', current: true });

    const { task } = await ilosAnswerTask('Adopt the mission calendar');
    // FAO's focal point finds ILO's task among theirs, and may answer it for ILO.
    const inbox = await call<{ items: TaskDto[] }>('GET', '/networks/tl/tasks?status=open&pageSize=200', felix.key);
    expect(inbox.body.items.map((t) => t.id)).toContain(decodeURIComponent(task));
    expect(inbox.body.items.every((t) => t.assignee === 'FAO' || t.assignee === 'ILO')).toBe(true);
    const done = await call<TaskDto>('POST', `/networks/tl/tasks/${task}/complete`, felix.key, { answer: 'concur' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      completedBy: 'ILO',
      completedByPerson: 'Felix Amaral',
      completedOnBehalfOf: 'Maria Soares',
    });
    const log = await call<{ items: Record<string, unknown>[] }>(
      'GET',
      '/networks/tl/audit-log?pageSize=500',
      stack.key('auditor'),
    );
    expect(log.body.items.find((r) => r.target === decodeURIComponent(task))).toMatchObject({
      actorAgency: 'ILO',
      actorPerson: 'Felix Amaral',
      onBehalfOf: 'Maria Soares',
    });

    // Only Maria or the coordinator ends it; once ended, ILO's tasks are no longer Felix's to see.
    expect((await call('POST', `/networks/tl/absences/${set.body.id}/end`, ana.key)).status).toBe(403);
    expect((await call('POST', `/networks/tl/absences/${set.body.id}/end`, coordinator())).status).toBe(200);
    expect((await call('GET', `/networks/tl/tasks/${task}`, felix.key)).status).toBe(403);
    const current = await call<{ items: AbsenceDto[] }>(
      'GET',
      `/networks/tl/absences?person=${maria.id}&current=true`,
      felix.key,
    );
    expect(current.body.items).toEqual([]);
  });
});
