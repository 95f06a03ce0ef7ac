import type { EngagementDto, PartnerDto } from '../../apps/api/partners/partner.dto';
import { useTestStack } from '../support/test-stack';

/** The register of external partners and the engagement log (ToR objective 8), over HTTP. */
describe('partners and engagements (end to end)', () => {
  const { stack, call } = useTestStack({ worker: false });
  const partner = (body: object, who = 'coordinator') =>
    call<PartnerDto>('POST', '/networks/tl/partners', stack.key(who), body);
  const engage = (body: object, who = 'ILO') =>
    call<EngagementDto>('POST', '/networks/tl/engagements', stack.key(who), body);

  it('keeps partners by category; a second of one name is 409, a category the ToR does not name is 400', async () => {
    const diaspora = await partner({
      name: 'Timorese Diaspora in Australia',
      category: 'migrant-and-diaspora-organisations',
    });
    expect(diaspora).toMatchObject({
      status: 201,
      body: { category: 'migrant-and-diaspora-organisations', contact: null },
    });
    expect((await partner({ name: 'Timorese Diaspora in Australia', category: 'media' })).body).toMatchObject({
      code: 'PARTNER_EXISTS',
    });
    const bad = await partner({ name: ' ', category: 'donors' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { details: { field: string }[] }).details.map((d) => d.field).sort()).toEqual([
      'category',
      'name',
    ]);
    // Only the coordinator adds partners; anyone of the network reads them.
    expect((await partner({ name: 'Radio Timor-Leste', category: 'media' }, 'ILO')).status).toBe(403);
    const listed = await call<{ items: PartnerDto[] }>('GET', '/networks/tl/partners', stack.key('UNDP'));
    expect(listed.body.items.map((p) => p.name)).toEqual(['Timorese Diaspora in Australia']);
  });

  it('logs engagements by any member agency, naming each field it cannot take, and lists them by year and category', async () => {
    const media = (await partner({ name: 'Radio Timor-Leste', category: 'media', contact: 'news desk' })).body;
    const listed = (await call<{ items: PartnerDto[] }>('GET', '/networks/tl/partners', stack.key('ILO'))).body.items;
    // By category, then name: media before migrant and diaspora organisations.
    expect(listed.map((p) => p.category)).toEqual(['media', 'migrant-and-diaspora-organisations']);
    const diaspora = listed[1];
    const refused = await engage({
      on: '2030-02-30',
      kind: 'consultation',
      title: 'Remittance costs',
      partners: [diaspora.id, '00000000-0000-4000-8000-000000000000'],
      activities: ['A9'],
    });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['on']);
    const unknown = await engage({
      on: '2030-05-14',
      kind: 'consultation',
      title: 'Remittance costs',
      partners: [diaspora.id, '00000000-0000-4000-8000-000000000000'],
      activities: ['A9'],
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: {
        details: [
          { field: 'partners[1]', message: expect.stringContaining('no partner of this network') },
          { field: 'activities[0]', message: 'is not an activity: the 2030 work plan has none endorsed' },
        ],
      },
    });
    const consulted = await engage({
      on: '2030-05-14',
      kind: 'consultation',
      title: 'Consultation with diaspora organisations on remittance costs',
      partners: [diaspora.id, media.id],
      gcmObjectives: [20, 19, 20],
      feeds: ['national', 'regional'],
    });
    expect(consulted).toMatchObject({
      status: 201,
      body: {
        year: 2030,
        agency: 'ILO',
        gcmObjectives: [19, 20],
        partners: [{ name: diaspora.name }, { name: media.name }],
      },
    });
    await engage(
      { on: '2031-01-20', kind: 'event', title: 'Radio programme on safe migration', partners: [media.id] },
      'coordinator',
    );
    // An auditor writes nothing.
    expect(
      (await engage({ on: '2030-06-01', kind: 'event', title: 'x', partners: [media.id] }, 'auditor')).status,
    ).toBe(403);

    const list = async (query: string) =>
      (
        await call<{ items: EngagementDto[] }>('GET', `/networks/tl/engagements?${query}`, stack.key('auditor'))
      ).body.items.map((e) => e.title);
    expect(await list('year=2030')).toEqual(['Consultation with diaspora organisations on remittance costs']);
    expect(await list('category=media')).toEqual([
      'Radio programme on safe migration',
      'Consultation with diaspora organisations on remittance costs',
    ]);
    expect(await list(`partner=${diaspora.id}&year=2031`)).toEqual([]);
    expect((await call('GET', '/networks/tl/engagements?year=30', stack.key('auditor'))).status).toBe(400);
  });
});
