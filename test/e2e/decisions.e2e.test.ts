import type { DecisionDto } from '../../apps/api/decision/decision.dto';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import type { TwgListDto } from '../../apps/api/twgs/twg.dto';
import { recordHistory } from '../support/record-history';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];

/** Decisions by silence procedure over HTTP, and the TWG registry they change. */
describe('decisions by silence procedure (end to end)', () => {
  const { stack, call } = useTestStack();

  const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();
  const circulate = (body: object) =>
    call<DecisionDto>('POST', '/networks/tl/decisions', stack.key('coordinator'), body);
  const decision = (id: string) => call<DecisionDto>('GET', `/networks/tl/decisions/${id}`, stack.key('auditor'));
  const statusIs = (id: string, status: string, timeoutMs = 20_000) =>
    waitFor(
      async () => {
        const d = await decision(id);
        return d.status === 200 && d.body.status === status ? d.body : undefined;
      },
      `decision ${id} ${status}`,
      timeoutMs,
    );
  const answer = async (id: string, round: number, agency: string, body: object) => {
    const taskId = `decision:tl:${id}:concur-or-object:r${round}:${agency}`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${taskId}`, stack.key(agency))).status === 200 ? true : undefined,
      `task ${taskId}`,
    );
    return call('POST', `/networks/tl/tasks/${taskId}/complete`, stack.key(agency), body);
  };
  const twgs = async () =>
    (await call<TwgListDto>('GET', '/networks/tl/twgs?include=abolished', stack.key('auditor'))).body.items;

  it('establishes a TWG when nobody objects by the deadline, once', async () => {
    const res = await circulate({
      kind: 'establish-twg',
      title: 'A TWG on diaspora and remittances',
      text: 'As discussed at the Q2 meeting',
      payload: {
        code: 'diaspora-remittances',
        name: 'Diaspora and Remittances',
        thematicArea: 'diaspora & remittances',
        leadAgency: 'UNDP',
        memberAgencies: ['UNDP', 'IOM', 'ILO'],
      },
      deadline: inSeconds(4),
    });
    expect(res.status).toBe(201);
    const { id } = res.body;
    // Every member is asked; two concur, the rest stay silent.
    const tasks = await waitFor(async () => {
      const page = await call<TaskPageDto>(
        'GET',
        `/networks/tl/tasks?process=decision:tl:${id}`,
        stack.key('coordinator'),
      );
      return page.body.total === MEMBERS.length ? page.body.items : undefined;
    }, 'a task per member');
    expect(tasks.map((t) => t.assignee).sort()).toEqual(MEMBERS);
    const asked = await call<TaskDto>(
      'GET',
      `/networks/tl/tasks/decision:tl:${id}:concur-or-object:r1:ILO`,
      stack.key('ILO'),
    );
    expect(asked.body.context).toMatchObject({
      id,
      kind: 'establish-twg',
      round: 1,
      proposal: { title: 'A TWG on diaspora and remittances', text: 'As discussed at the Q2 meeting' },
      objections: [],
    });
    expect((await answer(id, 1, 'ILO', { answer: 'concur' })).status).toBe(200);
    expect((await answer(id, 1, 'FAO', { answer: 'object' })).status).toBe(422); // an objection needs a reason

    const adopted = await statusIs(id, 'ADOPTED');
    expect(
      adopted.effectAppliedAt ??
        (await waitFor(async () => (await decision(id)).body.effectAppliedAt ?? undefined, 'the effect')),
    ).toBeTruthy();
    expect((await decision(id)).body.effectOutcome).toBe('applied');
    const twg = (await twgs()).find((t) => t.code === 'diaspora-remittances');
    expect(twg).toMatchObject({
      leadAgency: 'UNDP',
      memberAgencies: ['UNDP', 'IOM', 'ILO'],
      establishedBy: `decision:tl:${id}`,
      abolishedOn: null,
    });
  });

  it('stops at an objection, keeps it through a revision, and abolishes the TWG when the revision passes', async () => {
    const { body } = await circulate({
      kind: 'abolish-twg',
      title: 'Abolish the climate TWG',
      text: 'Merged into another group',
      payload: { twg: 'climate-mobility' },
      deadline: inSeconds(30),
    });
    expect((await answer(body.id, 1, 'FAO', { answer: 'object', reason: 'Not before the COP report' })).status).toBe(
      200,
    );
    const objected = await statusIs(body.id, 'OBJECTED');
    expect(objected.objections).toEqual([
      expect.objectContaining({ round: 1, agency: 'FAO', reason: 'Not before the COP report' }),
    ]);
    // The round's other tasks closed with it.
    expect((await answer(body.id, 1, 'ILO', { answer: 'concur' })).status).toBe(409);

    expect(
      (await call('POST', `/networks/tl/decisions/${body.id}/revise`, stack.key('ILO'), { deadline: inSeconds(3) }))
        .status,
    ).toBe(403);
    // Two revisions sent at once start one round: the second finds the proposal circulating again.
    const revisions = await Promise.all(
      ['After the COP report', 'After the COP report (bis)'].map((text) =>
        call<DecisionDto>('POST', `/networks/tl/decisions/${body.id}/revise`, stack.key('coordinator'), {
          text,
          deadline: inSeconds(3),
        }),
      ),
    );
    expect(revisions.map((r) => r.status).sort()).toEqual([200, 409]);
    const adopted = await statusIs(body.id, 'ADOPTED');
    expect(adopted).toMatchObject({ round: 2, objections: [expect.objectContaining({ agency: 'FAO', round: 1 })] });
    await waitFor(
      async () => ((await twgs()).find((t) => t.code === 'climate-mobility')?.abolishedOn ? true : undefined),
      'the abolition',
    );
    expect((await twgs()).find((t) => t.code === 'climate-mobility')).toMatchObject({
      abolishedBy: `decision:tl:${body.id}`,
    });
    expect(
      (await call<TwgListDto>('GET', '/networks/tl/twgs', stack.key('ILO'))).body.items.map((t) => t.code),
    ).not.toContain('climate-mobility');
    await waitFor(
      async () =>
        (await stack.client.workflow.getHandle(body.workflowId).describe()).status.name === 'COMPLETED'
          ? true
          : undefined,
      'the workflow to complete',
    );
    recordHistory(body.workflowId, 'objected-revised-adopted');
  });

  it('withdraws a proposal and closes its tasks; refuses bad proposals naming the field', async () => {
    const { body } = await circulate({
      kind: 'general',
      title: 'A joint statement',
      text: 'On 18 December',
      payload: {},
      deadline: inSeconds(60),
    });
    await answer(body.id, 1, 'ILO', { answer: 'concur' });
    expect(
      (
        await call('POST', `/networks/tl/decisions/${body.id}/withdraw`, stack.key('coordinator'), {
          reason: 'Overtaken by events',
        })
      ).status,
    ).toBe(200);
    const withdrawn = await statusIs(body.id, 'WITHDRAWN');
    expect(withdrawn.withdrawn).toMatchObject({ by: 'IOM', reason: 'Overtaken by events' });
    await waitFor(async () => {
      const open = await call<TaskPageDto>(
        'GET',
        `/networks/tl/tasks?process=decision:tl:${body.id}&status=open`,
        stack.key('coordinator'),
      );
      return open.body.total === 0 ? true : undefined;
    }, 'no open task left');

    const fields = async (b: object) =>
      ((await circulate(b)).body as unknown as { details: { field: string }[] }).details.map((d) => d.field);
    expect(
      await fields({
        kind: 'establish-twg',
        title: 't',
        text: 't',
        deadline: inSeconds(60),
        payload: { code: 'labour-migration', name: 'n', thematicArea: 'a', leadAgency: 'WHO', memberAgencies: ['WHO'] },
      }),
    ).toEqual(['payload.code', 'payload.leadAgency', 'payload.memberAgencies']);
    expect(
      await fields({ kind: 'abolish-twg', title: 't', text: 't', deadline: inSeconds(60), payload: { twg: 'nope' } }),
    ).toEqual(['payload.twg']);
    expect(
      await fields({ kind: 'vote', title: 't', text: 't', deadline: '2020-01-01T00:00:00Z', payload: {} }),
    ).toEqual(['kind']);
    expect(
      await fields({ kind: 'general', title: 't', text: 't', deadline: '2020-01-01T00:00:00Z', payload: {} }),
    ).toEqual(['deadline']);
    expect(
      (
        await call('POST', '/networks/tl/decisions', stack.key('ILO'), {
          kind: 'general',
          title: 't',
          text: 't',
          deadline: inSeconds(60),
          payload: {},
        })
      ).status,
    ).toBe(403);
  });

  it("belongs to the Network year it names, or to the running cycle's, which auditors list it by", async () => {
    const [named, running] = [claimYear(), claimYear()];
    const yearOf = async (workflowId: string, year: number) =>
      waitFor(
        async () =>
          (
            await call<{ items: { workflowId: string }[] }>(
              'GET',
              `/networks/tl/histories?process=decision&year=${year}`,
              stack.key('auditor'),
            )
          ).body.items.some((i) => i.workflowId === workflowId)
            ? year
            : undefined,
        `${workflowId} listed in ${year}`,
      );
    const general = (year?: number) =>
      circulate({
        kind: 'general',
        title: 'Adopt the ToR review',
        text: 'As drafted',
        payload: {},
        deadline: inSeconds(3_600),
        year,
      });
    const first = await general(named);
    expect(first.status).toBe(201);
    expect(await yearOf(first.body.workflowId, named)).toBe(named);
    // With a cycle running (the earliest not closed), a decision that names no year is that cycle's.
    const cycle = await call('POST', '/networks/tl/cycles', stack.key('coordinator'), {
      year: running,
      meetingsAndRounds: false,
      calendar: { start: inSeconds(0), end: inSeconds(3_600) },
    });
    expect(cycle.status).toBe(201);
    // Readable at once after its 201 (it answered 404 for a moment): the decision below finds it running.
    const second = await general();
    expect(second.status).toBe(201);
    expect(await yearOf(second.body.workflowId, running)).toBe(running);
    expect(
      (await circulate({ kind: 'general', title: 't', text: 't', payload: {}, deadline: inSeconds(60), year: 1900 }))
        .status,
    ).toBe(400);
  });
});
