import type { ErrorBody } from '../../apps/api/common/app-error';
import type { TaskKindListDto } from '../../apps/api/task-kinds/task-kind.dto';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import { TASK_KINDS } from '../../libs/domain/tasks';
import { claimYear } from '../support/claim-year';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';
import { proposal } from '../support/work-plan-fixtures';

/** The parts of the contexts and schemas this test reads. */
interface Contexts {
  year: number;
  gcmObjectives: { number: number; title: string }[];
  networkObjectives: unknown[];
  contributions: { agency: string; status: string; activities: unknown[] }[];
  previousRevision: unknown;
  draft: unknown;
  changes: unknown;
}
type SchemaNode = { properties: Record<string, SchemaNode>; items: SchemaNode; enum?: string[] };

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];

/** Tasks that explain themselves: each kind's answer schema and instructions, and each task's context, over HTTP. */
describe('task kinds and task context (end to end)', () => {
  const { stack, call } = useTestStack();

  const context = async (who: string, id: string) =>
    (await call<TaskDto>('GET', `/networks/tl/tasks/${encodeURIComponent(id)}`, stack.key(who))).body
      .context as unknown as Contexts;
  const openTask = (who: string, query: string) =>
    waitFor(
      async () =>
        (await call<TaskPageDto>('GET', `/networks/tl/tasks?status=open&${query}`, stack.key(who))).body.items[0],
      `an open task for ${who} (${query})`,
      30_000,
    );
  const complete = (who: string, id: string, payload: unknown) =>
    call<TaskDto & ErrorBody>('POST', `/networks/tl/tasks/${encodeURIComponent(id)}/complete`, stack.key(who), payload);

  it('lists every kind with its name and instructions in three languages and its schema in this network', async () => {
    const res = await call<TaskKindListDto>('GET', '/networks/tl/task-kinds', stack.key('ILO'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((k) => k.kind)).toEqual([...TASK_KINDS]);
    for (const k of res.body.items) {
      expect(new Set(Object.values(k.instructions)).size).toBe(3); // three real texts, not one copied
      expect(k.schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    }
    const contribute = res.body.items.find((k) => k.kind === 'contribute-activities')!;
    const activity = (contribute.schema as unknown as SchemaNode).properties.activities.items;
    expect(activity.properties.leadAgency.enum).toEqual(MEMBERS);
    expect(activity.properties.networkObjective).toMatchObject({ minimum: 1, maximum: 9 });
    expect(contribute).toMatchObject({ process: 'annual-cycle', resubmittable: true, reassignable: false });
    expect(contribute.name.pt).toBe('Contribuir com atividades para o plano de trabalho');
    // The OpenAPI document's completion body is the union of the kinds' schemas.
    type Doc = {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: SchemaNode }> } } }>;
    };
    const doc = (await call<Doc>('GET', '/docs-json')).body;
    const body = doc.paths['/networks/{network}/tasks/{id}/complete'].post.requestBody.content['application/json'];
    expect((body.schema as unknown as { anyOf: { title: string }[] }).anyOf.map((s) => s.title)).toEqual([
      ...TASK_KINDS,
    ]);
    // Not a caller of the network: refused.
    expect((await call('GET', '/networks/tl/task-kinds')).status).toBe(401);
  });

  it('gives each task what its person needs: objectives, contributions, the draft and what changed since the last', async () => {
    const year = claimYear();
    const start = Date.now() + 1_000;
    const at = (s: number) => new Date(start + s * 1_000).toISOString();
    const calendar = {
      start: at(0),
      end: at(90),
      deadlines: { planningDue: at(6), consolidationDue: at(40), endorsementDue: at(60), reviewDue: at(120) },
      offsets: { reminderBeforeMs: 500, escalationAfterMs: 500, revisionMs: 20_000, endorsementRoundMs: 4_000 },
    };
    expect((await call('POST', '/networks/tl/cycles', stack.key('coordinator'), { year, calendar })).status).toBe(201);
    const wf = `annual-cycle:tl:${year}`;

    // PLANNING: ILO reads the objectives its activities go under, is refused with the fields named, then answers.
    const contribute = await openTask('ILO', `kind=contribute-activities&process=${wf}`);
    const ctx = await context('ILO', contribute.id);
    expect(ctx.year).toBe(year);
    expect(ctx.gcmObjectives).toHaveLength(23);
    expect(ctx.gcmObjectives[5]).toMatchObject({ number: 6, title: expect.stringContaining('recruitment') });
    expect(ctx.networkObjectives).toHaveLength(9);
    const untitled = { ...proposal('ILO'), title: undefined, gcmObjectives: [24] };
    const refused = await complete('ILO', contribute.id, { activities: [untitled] });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([
      { field: 'activities[0].title', message: 'must be a non-empty string' },
      { field: 'activities[0].gcmObjectives[0]', message: 'must be 23 or less' },
    ]);
    expect((await complete('ILO', contribute.id, { activities: [proposal('ILO')] })).status).toBe(200);
    const fao = await openTask('FAO', `kind=contribute-activities&process=${wf}`);
    expect((await complete('FAO', fao.id, { activities: [proposal('FAO')] })).status).toBe(200);

    // CONSOLIDATION: the coordinator's task carries every agency's contribution (or its silence).
    const consolidate = await openTask('coordinator', `kind=consolidate-plan&process=${wf}`);
    const merging = await context('coordinator', consolidate.id);
    expect(merging.contributions).toHaveLength(MEMBERS.length);
    expect(merging.contributions.find((c) => c.agency === 'ILO')).toMatchObject({
      status: 'completed',
      activities: [{ title: 'ILO activity 1', leadAgency: 'ILO' }],
    });
    expect(merging.contributions.find((c) => c.agency === 'UNDP')).toMatchObject({
      status: 'expired',
      activities: [],
    });
    expect(merging.previousRevision).toBeNull();
    const a1 = { id: 'A1', ...proposal('ILO') };
    const a2 = { id: 'A2', ...proposal('FAO') };
    expect((await complete('coordinator', consolidate.id, { activities: [a1, a2] })).status).toBe(200);

    // ENDORSEMENT: FAO reads the draft it is asked to endorse, and objects.
    const endorse = await openTask('FAO', `kind=endorse-plan&process=${wf}`);
    const draft = await context('FAO', endorse.id);
    expect(draft.draft).toMatchObject({ revision: 1, activities: [{ id: 'A1' }, { id: 'A2' }] });
    expect(draft.changes).toBeNull();
    const objection = { decision: 'object', comment: 'A2 belongs to next year' };
    expect((await complete('FAO', endorse.id, objection)).status).toBe(200);

    // The revision: the coordinator sees the objection; ILO then sees what changed since revision 1.
    const revise = await waitFor(
      async () => {
        const t = await openTask('coordinator', `kind=consolidate-plan&process=${wf}`);
        return t.id !== consolidate.id ? t : undefined;
      },
      'the revision task',
      30_000,
    );
    const previous = (await context('coordinator', revise.id)).previousRevision;
    expect(previous).toMatchObject({ revision: 1, objections: [{ agency: 'FAO', comment: objection.comment }] });
    const a3 = { id: 'A3', ...proposal('ILO', 3) };
    const revised = { activities: [{ ...a1, title: 'ILO activity 1, with FAO as partner' }, a3] };
    expect((await complete('coordinator', revise.id, revised)).status).toBe(200);
    const endorse2 = await waitFor(
      async () => {
        const t = await openTask('ILO', `kind=endorse-plan&process=${wf}`);
        return t.subject?.startsWith('r2') ? t : undefined;
      },
      'the second endorsement task',
      30_000,
    );
    expect((await context('ILO', endorse2.id)).changes).toEqual({
      since: 1,
      added: ['A3'],
      removed: ['A2'],
      changed: ['A1'],
      objections: [expect.objectContaining({ agency: 'FAO', comment: objection.comment })],
    });
  }, 120_000);
});
