import { createHash, randomBytes } from 'node:crypto';

import { DataSource, In, IsNull } from 'typeorm';

import { GCM_OBJECTIVES } from '../../domain/gcm-objectives';
import type { KeyRole } from '../../domain/roles';
import { AgencyEntity, ApiKeyEntity, GcmObjectiveEntity, NetworkObjectiveEntity, TwgEntity } from '../entities';
import type { NetworkSeed } from './timor-leste.seed';

/** A key as handed to a person once; only its hash is stored. */
export interface IssuedKey {
  readonly label: string;
  readonly role: KeyRole;
  readonly agency: string | null;
  readonly key: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(network: string): string {
  return `mn_${network}_${randomBytes(32).toString('base64url')}`;
}

/** Writes the reference data and the network; running it again changes nothing. */
export async function seedNetwork(ds: DataSource, seed: NetworkSeed): Promise<void> {
  // As POST /networks requires: the coordinator's own agency is a member (its people act for it).
  if (!seed.members.some((m) => m.code === seed.coordinatorAgency))
    throw new Error(`seed ${seed.code}: the coordinating agency ${seed.coordinatorAgency} is not among its members`);
  await ds.transaction(async (tx) => {
    await tx.upsert(GcmObjectiveEntity, [...GCM_OBJECTIVES], ['number']);
    // A network edited since (PATCH /networks/{n}) keeps its name; a country is only filled in where none is.
    await tx.query(
      `INSERT INTO networks (code, name, country, time_zone, coordinator_agency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET country = COALESCE(networks.country, EXCLUDED.country)`,
      [seed.code, seed.name, seed.country, seed.timeZone, seed.coordinatorAgency],
    );
    await tx
      .createQueryBuilder()
      .insert()
      .into(AgencyEntity)
      .values(
        seed.members.map((m) => ({
          networkCode: seed.code,
          code: m.code,
          name: m.name,
          joinedAt: new Date(seed.joinedAt),
        })),
      )
      .orIgnore() // an agency that left keeps its left_at
      .execute();
    const objectives = [
      ...seed.networkObjectives.map((text, i) => ({
        networkCode: seed.code,
        scope: 'network' as const,
        number: i + 1,
        text,
      })),
      ...seed.twgObjectives.map((text, i) => ({ networkCode: seed.code, scope: 'twg' as const, number: i + 1, text })),
    ];
    await tx.upsert(NetworkObjectiveEntity, objectives, ['networkCode', 'scope', 'number']);
    if (seed.firstTwgs.length === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(TwgEntity)
      .values(
        seed.firstTwgs.map((t) => ({
          networkCode: seed.code,
          code: t.code,
          name: t.name,
          thematicArea: t.thematicArea,
          leadAgency: t.leadAgency,
          memberAgencies: [...t.memberAgencies],
          establishedOn: new Date(seed.joinedAt),
          establishedBy: null,
        })),
      )
      .orIgnore() // a TWG abolished since keeps its history
      .execute();
  });
}

/**
 * The seeded keys: one per member agency, one coordinator (acting for the coordinating agency), one auditor.
 * `known` are keys issued before (kept by `npm start` under .data/); they are reused while every one of them is still
 * active, else the seeded keys are revoked and issued anew, since a hash cannot be turned back into a key.
 */
export async function seedApiKeys(ds: DataSource, seed: NetworkSeed, known: IssuedKey[] = []): Promise<IssuedKey[]> {
  const repo = ds.getRepository(ApiKeyEntity);
  const wanted: Omit<IssuedKey, 'key'>[] = [
    { label: `seed:coordinator`, role: 'coordinator', agency: seed.coordinatorAgency },
    { label: `seed:auditor`, role: 'auditor', agency: null },
    ...seed.members.map((m) => ({ label: `seed:agency:${m.code}`, role: 'agency' as const, agency: m.code })),
  ];
  const active = await repo.count({
    where: { networkCode: seed.code, keyHash: In(known.map((k) => hashApiKey(k.key))), revokedAt: IsNull() },
  });
  const labels = new Set(known.map((k) => k.label));
  if (known.length === wanted.length && active === wanted.length && wanted.every((w) => labels.has(w.label)))
    return known; // the same array: nothing new

  const issued = wanted.map((w) => ({ ...w, key: generateApiKey(seed.code) }));
  await ds.transaction(async (tx) => {
    await tx
      .getRepository(ApiKeyEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('network_code = :network AND label LIKE :seed AND revoked_at IS NULL', {
        network: seed.code,
        seed: 'seed:%',
      })
      .execute();
    await tx.getRepository(ApiKeyEntity).insert(
      issued.map((k) => ({
        networkCode: seed.code,
        role: k.role,
        agencyCode: k.agency,
        keyHash: hashApiKey(k.key),
        label: k.label,
      })),
    );
  });
  return issued;
}

/**
 * The platform administrator's seeded key (bound to no network): `known` when it is still active, else a new one
 * (the seeded one before it revoked).
 */
export async function seedAdministratorKey(ds: DataSource, known?: IssuedKey): Promise<IssuedKey> {
  const repo = ds.getRepository(ApiKeyEntity);
  const label = 'seed:administrator';
  if (known && (await repo.count({ where: { keyHash: hashApiKey(known.key), revokedAt: IsNull() } })) === 1)
    return known;
  const issued: IssuedKey = { label, role: 'administrator', agency: null, key: generateApiKey('admin') };
  await ds.transaction(async (tx) => {
    await tx.getRepository(ApiKeyEntity).update({ label, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    await tx.getRepository(ApiKeyEntity).insert({
      networkCode: null,
      role: 'administrator',
      agencyCode: null,
      keyHash: hashApiKey(issued.key),
      label,
    });
  });
  return issued;
}

/** The person `npm start` signs in as: the coordinator of each seeded network, one address for all (the network switch). */
export const EMBEDDED_COORDINATOR = { name: 'Network Coordinator', email: 'coordinator@mignet.local' } as const;

/** A network's coordinator person, added once (a later edit, or their being made inactive, is kept); answers their id. */
export async function seedCoordinator(
  ds: DataSource,
  seed: NetworkSeed,
  person: { name: string; email: string } = EMBEDDED_COORDINATOR,
): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `WITH added AS (
       INSERT INTO people (network_code, name, email, agency_code, role) VALUES ($1, $2, $3, $4, 'coordinator')
       ON CONFLICT (network_code, email) DO NOTHING RETURNING id)
     SELECT id FROM added UNION ALL SELECT id FROM people WHERE network_code = $1 AND email = $3`,
    [seed.code, person.name, person.email, seed.coordinatorAgency],
  );
  return row.id;
}
