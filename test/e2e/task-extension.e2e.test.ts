import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { recordHistory } from '../support/record-history';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/**
 * The coordinator extends a task's due time: an Update to the owning workflow, so its timers move durably. On a short
 * decision (a 24 s deadline, its reminder 6 s before), an extended task is not reminded when the others are, and is
 * reminded at its new time.
 */
describe('task extension (end to end): the reminder moves with the due time', () => {
  const { stack, call } = useTestStack();
  const coordinator = () => stack.key('coordinator');
  const task = (id: string) => call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(id)}`, coordinator());
  const extend = (id: string, body: unknown, key = coordinator()) =>
    call<TaskDto & { details?: { field: string }[] }>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(id)}/extend`,
      key,
      body,
    );

  it('moves the reminder, escalation and expiry by as much; refuses what it may not do, naming the field', async () => {
    const deadline = Date.now() + 24_000;
    const circulated = await call<{ id: string; workflowId: string }>('POST', '/networks/tl/decisions', coordinator(), {
      kind: 'general',
      title: 'Extend one answer',
      text: 'As circulated',
      payload: {},
      deadline: new Date(deadline).toISOString(),
    });
    expect(circulated.status).toBe(201);
    const id = (agency: string) => `${circulated.body.workflowId}:concur-or-object:r1:${agency}`;
    const before = await waitFor(async () => {
      const t = await task(id('ILO'));
      return t.status === 200 ? t.body : undefined;
    }, 'the ILO answer task');

    expect((await extend(id('ILO'), { dueAt: before.dueAt, reason: 'on mission' })).body).toMatchObject({
      statusCode: 422,
      details: [{ field: 'dueAt' }],
    });
    expect(
      (await extend(id('ILO'), { dueAt: new Date(deadline + 20_000).toISOString().slice(0, 19), reason: 'local time' }))
        .body,
    ).toMatchObject({ statusCode: 400, details: [{ field: 'dueAt' }] });
    expect((await extend(id('ILO'), { dueAt: new Date(deadline + 20_000).toISOString() })).body).toMatchObject({
      statusCode: 400,
      details: expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    });
    expect(
      (await extend(id('ILO'), { dueAt: new Date(deadline + 20_000).toISOString(), reason: 'x' }, stack.key('ILO')))
        .status,
    ).toBe(403);

    const newDue = new Date(Date.parse(before.dueAt) + 20_000).toISOString();
    const extended = await extend(id('ILO'), { dueAt: newDue, reason: 'The focal point is on mission' });
    expect(extended.status).toBe(200);
    const shifted = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + 20_000).toISOString());
    expect(extended.body).toMatchObject({
      status: 'open',
      dueAt: newDue,
      remindAt: shifted(before.remindAt),
      expiresAt: shifted(before.expiresAt),
    });

    // The others are reminded at the first time; ILO is not, then is at its new time.
    const fao = await waitFor(
      async () => {
        const t = (await task(id('FAO'))).body;
        return t.remindedAt ? t : undefined;
      },
      "FAO's reminder",
      30_000,
    );
    expect((await task(id('ILO'))).body.remindedAt).toBeNull();
    const ilo = await waitFor(
      async () => {
        const t = (await task(id('ILO'))).body;
        return t.remindedAt ? t : undefined;
      },
      "ILO's reminder at its new time",
      60_000,
    );
    expect(Date.parse(ilo.remindedAt!)).toBeGreaterThanOrEqual(Date.parse(extended.body.remindAt));
    expect(Date.parse(ilo.remindedAt!)).toBeGreaterThan(Date.parse(fao.remindedAt!) + 15_000);

    // In the audit log with its reason; a task that is closed is not extended.
    const log = await call<{ items: { command: string; target: string | null; status: number; payload: unknown }[] }>(
      'GET',
      '/networks/tl/audit-log?pageSize=100',
      stack.key('auditor'),
    );
    expect(
      log.body.items.find((r) => r.command.endsWith('/extend') && r.target === id('ILO') && r.status === 200),
    ).toMatchObject({
      payload: { dueAt: newDue, reason: 'The focal point is on mission' },
    });
    await waitFor(
      async () => ((await task(id('FAO'))).body.status === 'expired' ? true : undefined),
      'FAO expired',
      30_000,
    );
    expect(
      (await extend(id('FAO'), { dueAt: new Date(Date.now() + 60_000).toISOString(), reason: 'late' })).body,
    ).toMatchObject({ statusCode: 409, code: 'TASK_CLOSED' });
    // Silence is consent once the extended answer has closed too; the history is a replay fixture (a TaskExtended).
    await waitFor(
      async () => {
        const d = await call<{ status: string }>('GET', `/networks/tl/decisions/${circulated.body.id}`, coordinator());
        return d.body.status === 'ADOPTED' ? true : undefined;
      },
      'the decision adopted',
      40_000,
    );
    expect((await task(id('ILO'))).body.status).toBe('expired');
    recordHistory(circulated.body.workflowId, 'task-extended');
  }, 150_000);
});
