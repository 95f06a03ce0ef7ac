import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

interface Meeting {
  id: string;
  status: string;
  agenda: { id: string; source: string; title: string; by: string | null }[];
  cancelled: { reason: string } | null;
  reschedules: { reason: string; from: string; to: string }[];
  actionItems: { id: string; status: string; closedReason: string | null }[];
}

/** Ad-hoc meetings over HTTP: the agenda call, refusals that name the field, cancelling, and dropping an action item. */
describe('meetings (end to end)', () => {
  const { stack, call } = useTestStack();

  const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();
  const convene = (body: object, who = 'coordinator') =>
    call<{ id: string; workflowId: string } & Record<string, unknown>>(
      'POST',
      '/networks/tl/meetings',
      stack.key(who),
      body,
    );
  const meeting = async (id: string) =>
    (await call<Meeting>('GET', `/networks/tl/meetings/${id}`, stack.key('auditor'))).body;
  const openTask = (who: string, query: string) =>
    waitFor(
      async () =>
        (await call<TaskPageDto>('GET', `/networks/tl/tasks?status=open&${query}`, stack.key(who))).body.items[0],
      `an open task (${query})`,
      20_000,
    );
  const complete = (id: string, who: string, body: unknown) =>
    call<TaskDto & { code?: string; details?: { field: string }[] }>(
      'POST',
      `/networks/tl/tasks/${encodeURIComponent(id)}/complete`,
      stack.key(who),
      body,
    );

  it('publishes the proposals of the agenda call, refuses a record that names unknown fields, and lets the coordinator drop an action item', async () => {
    const convened = await convene({ title: 'Ad-hoc: return and reintegration', scheduledAt: inSeconds(8) });
    expect(convened.status).toBe(201);
    const { id, workflowId } = convened.body;
    expect(workflowId).toBe(`meeting:tl:${id}`);

    // Every member and every TWG lead is asked; ILO answers for itself and for its TWG; silence proposes nothing.
    const iloOwn = await openTask('ILO', `kind=propose-agenda-items&process=${workflowId}`);
    const asked = (
      await call<TaskPageDto>(
        'GET',
        `/networks/tl/tasks?kind=propose-agenda-items&process=${workflowId}`,
        stack.key('coordinator'),
      )
    ).body;
    expect(asked.total).toBe(9 + 3);
    const bad = await complete(iloOwn.id, 'ILO', { items: [{ note: 'no title' }] });
    expect(bad.body).toMatchObject({ code: 'INVALID_PAYLOAD', details: [{ field: 'items[0].title' }] });
    expect(
      (
        await complete(`${workflowId}:propose-agenda-items:twg:labour-migration`, 'ILO', {
          items: [{ title: 'Seasonal worker scheme review' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await complete(`${workflowId}:propose-agenda-items:twg:labour-migration`, 'IOM', { items: [] })).status,
    ).toBe(403);

    const recordTask = await openTask('coordinator', `kind=record-meeting&process=${workflowId}`);
    const published = await meeting(id);
    // The record's task carries the agenda it is recorded against; a proposal's, the meeting it is for.
    const contextOf = async (taskId: string, who: string) =>
      (await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(taskId)}`, stack.key(who))).body.context;
    expect(await contextOf(recordTask.id, 'coordinator')).toMatchObject({
      meeting: { id, title: 'Ad-hoc: return and reintegration', status: 'AGENDA_PUBLISHED' },
      agenda: [{ id: 'P1', title: 'Seasonal worker scheme review' }],
      openImpediments: expect.any(Array),
    });
    expect(await contextOf(iloOwn.id, 'ILO')).toEqual({ meeting: expect.objectContaining({ id }) });
    expect(published.agenda).toEqual([
      expect.objectContaining({
        id: 'P1',
        source: 'proposed',
        title: 'Seasonal worker scheme review',
        by: 'labour-migration (TWG, lead ILO)',
      }),
    ]);

    const refused = await complete(recordTask.id, 'coordinator', {
      attendance: [{ agency: 'WHO', name: 'x', title: 'y' }],
      minutes: 'Met.',
      actionItems: [{ title: 'Follow up', owner: 'UNDP', dueAt: inSeconds(60), impediment: 'no-such-impediment' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details?.map((d) => d.field)).toEqual(['actionItems[0].impediment']);
    const notMember = await complete(recordTask.id, 'coordinator', {
      attendance: [{ agency: 'WHO', name: 'x', title: 'y' }],
      minutes: 'Met.',
    });
    expect(notMember.body.details?.map((d) => d.field)).toEqual(['attendance[0].agency']);
    const recorded = await complete(recordTask.id, 'coordinator', {
      attendance: [{ agency: 'IOM', name: 'Chief of Mission', title: 'Coordinator' }],
      minutes: 'Met.',
      actionItems: [{ title: 'Follow up with the Ministry', owner: 'UNDP', dueAt: inSeconds(60) }],
    });
    expect(recorded.status).toBe(200);

    // The coordinator drops the action item with a reason; UNDP can no longer complete it, and nobody else may drop.
    const item = await openTask('UNDP', `kind=action-item&process=${workflowId}`);
    expect(await contextOf(item.id, 'UNDP')).toMatchObject({
      meeting: { id },
      actionItem: { title: 'Follow up with the Ministry', owner: 'UNDP' },
    });
    expect(
      (
        await call('POST', `/networks/tl/action-items/${encodeURIComponent(item.id)}/drop`, stack.key('UNDP'), {
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    const noReason = await call<{ details: { field: string }[] }>(
      'POST',
      `/networks/tl/action-items/${encodeURIComponent(item.id)}/drop`,
      stack.key('coordinator'),
      {},
    );
    expect(new Set(noReason.body.details.map((d) => d.field))).toEqual(new Set(['reason']));
    const dropped = await call<{ status: string; closedReason: string }>(
      'POST',
      `/networks/tl/action-items/${encodeURIComponent(item.id)}/drop`,
      stack.key('coordinator'),
      { reason: 'The Ministry replied' },
    );
    expect(dropped.body).toMatchObject({
      status: 'cancelled',
      closedReason: 'dropped by the coordinator: The Ministry replied',
    });
    expect((await complete(item.id, 'UNDP', {})).status).toBe(409);
    const listed = await call<{ items: { id: string }[] }>(
      'GET',
      '/networks/tl/action-items?owner=UNDP&status=cancelled',
      stack.key('UNDP'),
    );
    expect(listed.body.items.map((i) => i.id)).toContain(item.id);
  });

  it('is cancelled before it is held, closing its open tasks with the reason; a held or unknown meeting is not', async () => {
    const { body } = await convene({ title: 'Ad-hoc: to be cancelled', scheduledAt: inSeconds(60) });
    const task = await openTask('FAO', `kind=propose-agenda-items&process=${body.workflowId}`);
    expect(
      (await call('POST', `/networks/tl/meetings/${body.id}/cancel`, stack.key('FAO'), { reason: 'x' })).status,
    ).toBe(403);
    const moved = await call<Meeting>('POST', `/networks/tl/meetings/${body.id}/reschedule`, stack.key('coordinator'), {
      scheduledAt: inSeconds(-5),
      reason: 'x',
    });
    expect(moved.body).toMatchObject({ statusCode: 422, details: [{ field: 'scheduledAt' }] });
    const cancelled = await call<Meeting>('POST', `/networks/tl/meetings/${body.id}/cancel`, stack.key('coordinator'), {
      reason: 'No quorum in the holiday week',
    });
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED',
      cancelled: { reason: 'No quorum in the holiday week' },
    });
    const closed = await waitFor(async () => {
      const t = (await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(task.id)}`, stack.key('FAO')))
        .body;
      return t.status === 'cancelled' ? t : undefined;
    }, 'the cancelled task');
    expect(closed.closedReason).toBe('meeting cancelled: No quorum in the holiday week');
    expect(
      (await call('POST', `/networks/tl/meetings/${body.id}/cancel`, stack.key('coordinator'), { reason: 'again' }))
        .status,
    ).toBe(409);
    expect(
      (await call('POST', '/networks/tl/meetings/adhoc-nope/cancel', stack.key('coordinator'), { reason: 'x' })).body,
    ).toMatchObject({ statusCode: 404, code: 'MEETING_NOT_FOUND' });
    expect((await call('GET', '/networks/tl/meetings/adhoc-nope', stack.key('auditor'))).status).toBe(404);
  });

  it('answers 400 naming the field for a bad convening, and 403 to anyone but the coordinator', async () => {
    expect((await convene({ title: 'x', scheduledAt: inSeconds(10) }, 'ILO')).status).toBe(403);
    expect((await convene({ title: 'x', scheduledAt: inSeconds(10) }, 'auditor')).status).toBe(403);
    const past = await convene({ title: 'x', scheduledAt: inSeconds(-10) });
    expect(past.body).toMatchObject({ statusCode: 400, details: [{ field: 'scheduledAt' }] });
    const order = await convene({ title: 'x', scheduledAt: inSeconds(10), agendaDueAt: inSeconds(20) });
    expect(order.body).toMatchObject({ statusCode: 400, details: [{ field: 'agendaDueAt' }] });
    const missing = await convene({ scheduledAt: 'soon' });
    expect(new Set((missing.body as unknown as { details: { field: string }[] }).details.map((d) => d.field))).toEqual(
      new Set(['scheduledAt', 'title']),
    );
    expect((await call('GET', '/networks/tl/action-items?overdue=perhaps', stack.key('auditor'))).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'overdue' }],
    });
  });
});
