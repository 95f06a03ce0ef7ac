import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

/** A member agency leaving the Network: nobody waits for it any more, and its keys stop acting for it. */
describe('members (end to end)', () => {
  const { stack, call } = useTestStack();

  it('closes the leaving agency’s open tasks, so a decision waiting only for it is adopted; its key is refused', async () => {
    const circulated = await call<{ id: string; workflowId: string }>(
      'POST',
      '/networks/tl/decisions',
      stack.key('coordinator'),
      {
        kind: 'general',
        title: 'Adopt the communication protocol',
        text: 'As circulated',
        payload: {},
        deadline: new Date(Date.now() + 10 * 60_000).toISOString(),
      },
    );
    expect(circulated.status).toBe(201);
    const wf = circulated.body.workflowId;
    const task = (agency: string) => `${wf}:concur-or-object:r1:${agency}`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(task('ILO'))}`, stack.key('ILO'))).status === 200
          ? true
          : undefined,
      'the answer tasks',
    );
    for (const agency of ['FAO', 'ILO', 'IOM', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN']) {
      expect(
        (
          await call('POST', `/networks/tl/tasks/${encodeURIComponent(task(agency))}/complete`, stack.key(agency), {
            answer: 'concur',
          })
        ).status,
      ).toBe(200);
    }
    // Only OHCHR has not answered; the deadline is ten minutes away. It leaves.
    expect(
      (await call('POST', '/networks/tl/members/IOM/leave', stack.key('coordinator'), { reason: 'x' })).status,
    ).toBe(409); // the coordinator
    expect(
      (await call('POST', '/networks/tl/members/WHO/leave', stack.key('coordinator'), { reason: 'x' })).body,
    ).toMatchObject({ statusCode: 400, details: [{ field: 'agency' }] });
    expect((await call('POST', '/networks/tl/members/OHCHR/leave', stack.key('ILO'), { reason: 'x' })).status).toBe(
      403,
    );
    const left = await call<{ leftAt: string; processesNotified: string[] }>(
      'POST',
      '/networks/tl/members/OHCHR/leave',
      stack.key('coordinator'),
      { reason: 'Regional office closed' },
    );
    expect(left.status).toBe(200);
    expect(left.body.processesNotified).toEqual([wf]);

    const decision = await waitFor(async () => {
      const d = (
        await call<{ status: string }>('GET', `/networks/tl/decisions/${circulated.body.id}`, stack.key('auditor'))
      ).body;
      return d.status === 'ADOPTED' ? d : undefined;
    }, 'the decision adopted without OHCHR');
    expect(decision.status).toBe('ADOPTED');
    const closed = (
      await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(task('OHCHR'))}`, stack.key('coordinator'))
    ).body;
    expect(closed).toMatchObject({
      status: 'cancelled',
      closedReason: 'OHCHR left the Network: Regional office closed',
    });

    const refused = await call<{ code: string; message: string }>('GET', '/networks/tl/tasks', stack.key('OHCHR'));
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('OHCHR left the Network'),
    });
    const members = (
      await call<{ items: { code: string; leftAt: string | null }[] }>(
        'GET',
        '/networks/tl/members',
        stack.key('auditor'),
      )
    ).body.items;
    expect(members.find((m) => m.code === 'OHCHR')?.leftAt).toBe(left.body.leftAt);
    expect(members.filter((m) => m.leftAt === null)).toHaveLength(8);
    // Sent again (a retry), it keeps the first date.
    expect(
      (
        await call<{ leftAt: string }>('POST', '/networks/tl/members/OHCHR/leave', stack.key('coordinator'), {
          reason: 'again',
        })
      ).body.leftAt,
    ).toBe(left.body.leftAt);
  });
  it('lets an agency join: asked by what opens from then on, with a key of its own; one that left joins again', async () => {
    const coordinator = stack.key('coordinator');
    const join = (body: unknown, key = coordinator) =>
      call<{ code: string; key: { key: string }; details?: { field: string }[] }>(
        'POST',
        '/networks/tl/members',
        key,
        body,
      );
    expect((await join({ agency: 'WFP', name: 'World Food Programme' }, stack.key('ILO'))).status).toBe(403);
    expect((await join({ agency: 'wfp', name: 'World Food Programme' })).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'agency' }],
    });
    expect((await join({ agency: 'ILO', name: 'again' })).body).toMatchObject({
      statusCode: 409,
      code: 'MEMBER_EXISTS',
      details: [{ field: 'agency' }],
    });
    const wfp = await join({ agency: 'WFP', name: 'World Food Programme' });
    expect(wfp.status).toBe(201);
    const members = await call<{ items: { code: string; leftAt: string | null }[] }>(
      'GET',
      '/networks/tl/members',
      wfp.body.key.key,
    );
    expect(members.body.items.find((m) => m.code === 'WFP')).toMatchObject({ leftAt: null });

    // A decision circulated after it joined asks it too.
    const circulated = await call<{ workflowId: string }>('POST', '/networks/tl/decisions', coordinator, {
      kind: 'general',
      title: 'Welcome WFP',
      text: 'As circulated',
      payload: {},
      deadline: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect(circulated.status).toBe(201);
    const task = `${circulated.body.workflowId}:concur-or-object:r1:WFP`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${encodeURIComponent(task)}`, wfp.body.key.key)).status === 200 ||
        undefined,
      "WFP's answer task",
    );

    // OHCHR left in the test above: it joins again with a new key; the keys it had stay refused.
    const ohchr = await join({ agency: 'OHCHR', name: 'Office of the High Commissioner for Human Rights' });
    expect(ohchr.status).toBe(201);
    expect((await call('GET', '/networks/tl/tasks', stack.key('OHCHR'))).status).toBe(401);
    expect((await call('GET', '/networks/tl/tasks', ohchr.body.key.key)).status).toBe(200);
  });
});
