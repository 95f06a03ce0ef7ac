import type { TwgListDto } from '../../apps/api/twgs/twg.dto';
import { useTestStack } from '../support/test-stack';

/** The TWG registry over HTTP. */
describe('TWG registry (end to end)', () => {
  const { stack, call } = useTestStack({ worker: false });

  it('lists the active TWGs to any role of the network, and the abolished ones on request', async () => {
    const agency = stack.keys.tl['seed:agency:ILO'];
    const active = await call<TwgListDto>('GET', '/networks/tl/twgs', agency);
    expect(active.status).toBe(200);
    expect(active.body.items.map((t) => t.code)).toEqual([
      'climate-mobility',
      'counter-trafficking',
      'labour-migration',
    ]);
    expect(active.body.items[2]).toMatchObject({
      leadAgency: 'ILO',
      establishedOn: '2019-11-06T15:00:00.000Z',
      establishedBy: null,
      abolishedOn: null,
    });

    // Abolished (as a decision will do): gone from the default list, kept with its history on request.
    const ds = await stack.db.dataSource();
    await ds.query(
      `UPDATE twgs SET abolished_on = now(), abolished_by = 'decision:tl:test' WHERE network_code = 'tl' AND code = 'climate-mobility'`,
    );
    expect((await call<TwgListDto>('GET', '/networks/tl/twgs', agency)).body.items.map((t) => t.code)).toEqual([
      'counter-trafficking',
      'labour-migration',
    ]);
    const all = await call<TwgListDto>('GET', '/networks/tl/twgs?include=abolished', stack.keys.tl['seed:auditor']);
    expect(all.body.items.find((t) => t.code === 'climate-mobility')).toMatchObject({
      abolishedBy: 'decision:tl:test',
      abolishedOn: expect.any(String),
    });
  });

  it('refuses an unknown include, naming the field, and keys of another network', async () => {
    expect(
      (
        await call<{ details: { field: string }[] }>(
          'GET',
          '/networks/tl/twgs?include=everything',
          stack.keys.tl['seed:auditor'],
        )
      ).body.details[0].field,
    ).toBe('include');
    expect((await call('GET', '/networks/tl/twgs', stack.keys.xx['seed:auditor'])).status).toBe(404);
  });
});
