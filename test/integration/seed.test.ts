import { GCM_OBJECTIVES } from '../../libs/domain/gcm-objectives';
import {
  AgencyEntity,
  ApiKeyEntity,
  GcmObjectiveEntity,
  NetworkEntity,
  NetworkObjectiveEntity,
  TwgEntity,
} from '../../libs/persistence/entities';
import { hashApiKey, seedApiKeys, seedNetwork } from '../../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('Timor-Leste seed (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('writes the network, its members and objectives, and changes nothing when run again', async () => {
    const ds = await db.dataSource();
    await seedNetwork(ds, TIMOR_LESTE);
    await seedNetwork(ds, TIMOR_LESTE);
    expect(await ds.getRepository(NetworkEntity).findOneByOrFail({ code: 'tl' })).toMatchObject({
      coordinatorAgency: 'IOM',
      timeZone: 'Asia/Dili',
    });
    const members = await ds.getRepository(AgencyEntity).find({ where: { networkCode: 'tl' }, order: { code: 'ASC' } });
    expect(members.map((m) => m.code)).toEqual([
      'FAO',
      'ILO',
      'IOM',
      'OHCHR',
      'RCO',
      'UNDP',
      'UNFPA',
      'UNICEF',
      'UNWOMEN',
    ]);
    expect(await ds.getRepository(GcmObjectiveEntity).count()).toBe(GCM_OBJECTIVES.length);
    expect(GCM_OBJECTIVES).toHaveLength(23);
    expect(await ds.getRepository(NetworkObjectiveEntity).countBy({ networkCode: 'tl', scope: 'network' })).toBe(9);
    expect(await ds.getRepository(NetworkObjectiveEntity).countBy({ networkCode: 'tl', scope: 'twg' })).toBe(4);
    const twgs = await ds.getRepository(TwgEntity).find({ where: { networkCode: 'tl' }, order: { code: 'ASC' } });
    expect(twgs.map((t) => [t.code, t.leadAgency, t.establishedOn.toISOString(), t.establishedBy])).toEqual([
      ['climate-mobility', 'FAO', '2019-11-06T15:00:00.000Z', null],
      ['counter-trafficking', 'IOM', '2019-11-06T15:00:00.000Z', null],
      ['labour-migration', 'ILO', '2019-11-06T15:00:00.000Z', null],
    ]);
  });

  it('issues one key per member, a coordinator and an auditor, stored only as hashes', async () => {
    const ds = await db.dataSource();
    const keys = await seedApiKeys(ds, TIMOR_LESTE);
    expect(keys).toHaveLength(TIMOR_LESTE.members.length + 2);
    expect(keys.find((k) => k.role === 'coordinator')).toMatchObject({ agency: 'IOM' });
    expect(keys.find((k) => k.role === 'auditor')).toMatchObject({ agency: null });
    const rows = await ds.getRepository(ApiKeyEntity).find();
    expect(rows.map((r) => r.keyHash).sort()).toEqual(keys.map((k) => hashApiKey(k.key)).sort());
    for (const k of keys) expect(JSON.stringify(rows)).not.toContain(k.key);
  });

  it('keeps the keys it is told about, and reissues them (revoking the old) when they are lost', async () => {
    const ds = await db.dataSource();
    const first = await ds.getRepository(ApiKeyEntity).countBy({});
    const known = await seedApiKeys(ds, TIMOR_LESTE);
    const again = await seedApiKeys(ds, TIMOR_LESTE, known);
    expect(again).toEqual(known);
    const active = async () => (await ds.getRepository(ApiKeyEntity).find()).filter((k) => k.revokedAt === null);
    expect((await active()).map((k) => k.keyHash).sort()).toEqual(known.map((k) => hashApiKey(k.key)).sort());
    expect(await ds.getRepository(ApiKeyEntity).countBy({})).toBe(first + known.length);
  });
});
