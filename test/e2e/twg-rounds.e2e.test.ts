import type { TaskDto } from '../../apps/api/tasks/task.dto';
import { recordHistory } from '../support/record-history';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

interface Round {
  id: string;
  status: string;
  updates: Record<string, { delivery: string } | null>;
  report: { summary: string } | null;
}
interface Impediment {
  id: string;
  twg: string;
  target: string;
  status: string;
  description: string;
}

/** A TWG's bi-monthly reporting round over HTTP: updates, a missing one, the lead's report, the impediment register. */
const YEAR = claimYear(); // the rounds' year: ids carry it, and test files share one Temporal server

describe('TWG reporting rounds (end to end)', () => {
  const { stack, call } = useTestStack();

  const impediment = (description: string, target: 'network' | 'government') => ({
    description,
    severity: 'high',
    gcmObjectives: [6],
    target,
  });

  it('collects updates, records a missing one after its escalation, and registers the consolidated impediments', async () => {
    const start = new Date().toISOString();
    const end = new Date(Date.now() + 3_000).toISOString(); // updates due in 3 s; escalation and expiry follow by 0.75 s each
    const started = await call<{ id: string }>(
      'POST',
      '/networks/tl/twgs/labour-migration/rounds',
      stack.key('coordinator'),
      { year: YEAR, period: 3, start, end },
    );
    expect(started.status).toBe(201);
    const { id } = started.body;
    expect(id).toBe(`twg-round:tl:labour-migration:${YEAR}-P3`);
    expect(
      (
        await call('POST', '/networks/tl/twgs/labour-migration/rounds', stack.key('coordinator'), {
          year: YEAR,
          period: 3,
          start,
          end,
        })
      ).status,
    ).toBe(409);

    const submit = (agency: string, body: object) =>
      call('POST', `/networks/tl/tasks/${id}:submit-twg-update:${agency}/complete`, stack.key(agency), body);
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${id}:submit-twg-update:ILO`, stack.key('ILO'))).status === 200
          ? true
          : undefined,
      'the update tasks',
    );
    expect(
      (
        await submit('ILO', {
          delivery: 'Two recruitment agencies audited',
          impediments: [impediment('No bilateral labour agreement with Korea', 'government')],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await submit('IOM', {
          delivery: 'Pre-departure training held',
          impediments: [impediment('Agencies duplicate trainings', 'network')],
        })
      ).status,
    ).toBe(200);
    expect((await submit('UNWOMEN', { delivery: 'Gender audit drafted', impediments: [] })).status).toBe(200);
    const bad = await call<{ details: { field: string }[] }>(
      'POST',
      `/networks/tl/tasks/${id}:submit-twg-update:UNDP/complete`,
      stack.key('UNDP'),
      {
        delivery: 'x',
        impediments: [{ description: 'y', severity: 'dire', gcmObjectives: [30], target: 'un' }],
      },
    );
    expect(bad.body.details.map((d) => d.field)).toEqual([
      'impediments[0].severity',
      'impediments[0].gcmObjectives[0]',
      'impediments[0].target',
    ]);
    // UNDP stays silent: reminded, escalated after the due time, then recorded as missing; the lead gets the report task.
    const consolidate = `${id}:consolidate-twg-report`;
    await waitFor(
      async () =>
        (await call('GET', `/networks/tl/tasks/${consolidate}`, stack.key('ILO'))).status === 200 ? true : undefined,
      'the consolidation task',
      20_000,
    );
    const undp = (
      await call<{ status: string; escalatedAt: string | null; closedReason: string }>(
        'GET',
        `/networks/tl/tasks/${id}:submit-twg-update:UNDP`,
        stack.key('coordinator'),
      )
    ).body;
    expect(undp).toMatchObject({ status: 'expired', closedReason: 'missing', escalatedAt: expect.any(String) });

    expect(
      (
        await call('POST', `/networks/tl/tasks/${consolidate}/complete`, stack.key('IOM'), {
          summary: 'x',
          impediments: [],
        })
      ).status,
    ).toBe(403); // the lead consolidates
    // The lead's task carries the round's updates (UNDP's missing), a member's the TWG's open impediments.
    const contextOf = async (taskId: string, who: string) =>
      (await call<TaskDto>('GET', `/networks/tl/tasks/${taskId}`, stack.key(who))).body.context;
    expect(await contextOf(consolidate, 'ILO')).toMatchObject({
      twg: 'labour-migration',
      updates: { ILO: { delivery: 'Two recruitment agencies audited' }, UNDP: null },
    });
    expect(await contextOf(`${id}:submit-twg-update:UNDP`, 'UNDP')).toMatchObject({
      twg: 'labour-migration',
      openImpediments: expect.any(Array),
      gcmObjectives: expect.arrayContaining([expect.objectContaining({ number: 23 })]),
    });
    const report = await call('POST', `/networks/tl/tasks/${consolidate}/complete`, stack.key('ILO'), {
      summary: 'Delivery on track; two impediments',
      impediments: [
        impediment('No bilateral labour agreement with Korea', 'government'),
        impediment('Trainings duplicated across agencies: merge them', 'network'),
      ],
    });
    expect(report.status).toBe(200);

    const round = await waitFor(async () => {
      const rounds = await call<{ items: Round[] }>(
        'GET',
        '/networks/tl/twgs/labour-migration/rounds',
        stack.key('auditor'),
      );
      return rounds.body.items.find((r) => r.id === id && r.status === 'CLOSED');
    }, 'the closed round');
    expect(round.updates.UNDP).toBeNull();
    expect(round.updates.ILO).toMatchObject({ delivery: 'Two recruitment agencies audited' });
    expect(round.report).toMatchObject({ summary: 'Delivery on track; two impediments' });

    const gov = await call<{ items: Impediment[] }>(
      'GET',
      '/networks/tl/impediments?target=government&status=open',
      stack.key('auditor'),
    );
    expect(gov.body.items).toEqual([
      expect.objectContaining({ id: `${id}:1`, twg: 'labour-migration', target: 'government', status: 'open' }),
    ]);
    const net = await call<{ items: Impediment[] }>(
      'GET',
      '/networks/tl/impediments?target=network&twg=labour-migration',
      stack.key('ILO'),
    );
    expect(net.body.items.map((i) => i.description)).toEqual(['Trainings duplicated across agencies: merge them']);
    await waitFor(
      async () =>
        (await stack.client.workflow.getHandle(id).describe()).status.name === 'COMPLETED' ? true : undefined,
      'the workflow to complete',
    );
    recordHistory(id, 'missing-update');
  });

  it('starts no round for an unknown TWG and names bad fields', async () => {
    expect(
      (await call('POST', '/networks/tl/twgs/nope/rounds', stack.key('coordinator'), { year: YEAR, period: 1 })).status,
    ).toBe(404);
    const bad = await call<{ details: { field: string }[] }>(
      'POST',
      '/networks/tl/twgs/labour-migration/rounds',
      stack.key('coordinator'),
      { year: YEAR, period: 7 },
    );
    expect(bad.body.details.map((d) => d.field)).toEqual(['period']);
    expect(
      (await call('POST', '/networks/tl/twgs/labour-migration/rounds', stack.key('ILO'), { year: YEAR, period: 2 }))
        .status,
    ).toBe(403);
  });
});
