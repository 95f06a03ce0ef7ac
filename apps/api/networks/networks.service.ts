import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { FieldError } from '../../../libs/domain/field-error';
import { AGENCY_CODE } from '../../../libs/domain/network';
import { NetworkEntity } from '../../../libs/persistence/entities';
import { MODEL_OBJECTIVES } from '../../../libs/persistence/seeds/example.seed';
import { seedApiKeys, seedNetwork } from '../../../libs/persistence/seeds/seed';
import type { NetworkSeed } from '../../../libs/persistence/seeds/timor-leste.seed';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import type { CreatedNetworkDto, CreateNetworkDto, NetworkDto, UpdateNetworkDto } from './network.dto';

const MAX_MEMBERS = 100;

/** The platform's networks: created, listed and renamed by a platform administrator. */
@Injectable()
export class NetworksService {
  private readonly log = new Logger('networks');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<{ items: NetworkDto[] }> {
    return { items: await this.rows() };
  }

  async get(code: string): Promise<NetworkDto> {
    const [row] = await this.rows(code);
    if (!row) throw new AppError(ErrorCode.NETWORK_NOT_FOUND, `Network "${code}" does not exist`);
    return row;
  }

  /**
   * A new network, as the seed makes Timor-Leste's: its members, the ToR's objectives without a country's name (to
   * edit), and a key for its coordinator, its auditor and each member, shown once. Nothing is written unless all of it
   * is valid; a code that exists is refused, whoever created it.
   */
  async create(dto: CreateNetworkDto): Promise<CreatedNetworkDto> {
    const members = validMembers(dto);
    const blank = (['name', 'country'] as const).filter((f) => dto[f].trim() === '');
    if (blank.length > 0) throw AppError.validation(blank.map((field) => ({ field, message: 'must not be blank' })));
    const seed: NetworkSeed = {
      code: dto.code,
      name: dto.name.trim(),
      country: dto.country.trim(),
      timeZone: dto.timeZone,
      coordinatorAgency: dto.coordinatorAgency,
      joinedAt: new Date().toISOString(),
      members,
      networkObjectives: MODEL_OBJECTIVES.network,
      twgObjectives: MODEL_OBJECTIVES.twg,
      firstTwgs: [],
    };
    // The row first, alone: of two creations of one code, one inserts and the other is told it exists.
    const inserted = (await this.dataSource.query(
      `INSERT INTO networks (code, name, country, time_zone, coordinator_agency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [seed.code, seed.name, seed.country, seed.timeZone, seed.coordinatorAgency],
    )) as unknown[];
    if (inserted.length === 0)
      throw new AppError(ErrorCode.NETWORK_EXISTS, `Network "${dto.code}" exists already: choose another code`, [
        { field: 'code', message: 'is taken' },
      ]);
    let keys;
    try {
      await seedNetwork(this.dataSource, seed);
      keys = await seedApiKeys(this.dataSource, seed);
    } catch (err) {
      // Nothing half made: the row goes (its members, objectives and keys with it), so the code is free to retry.
      await this.dataSource.query('DELETE FROM networks WHERE code = $1', [seed.code]).catch(() => undefined);
      throw err;
    }
    this.log.log(`Network "${seed.code}" (${seed.name}) created with ${members.length} members`);
    return { ...(await this.get(seed.code)), keys };
  }

  async update(code: string, dto: UpdateNetworkDto): Promise<NetworkDto> {
    const blank = (['name', 'country'] as const).filter((f) => dto[f] !== undefined && dto[f].trim() === '');
    if (blank.length > 0) throw AppError.validation(blank.map((field) => ({ field, message: 'must not be blank' })));
    await this.get(code);
    const set = {
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.country !== undefined ? { country: dto.country.trim() } : {}),
    };
    if (Object.keys(set).length > 0) await this.dataSource.getRepository(NetworkEntity).update({ code }, set);
    return this.get(code);
  }

  private async rows(code?: string): Promise<NetworkDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT n.code, n.name, n.country, n.time_zone, n.coordinator_agency, n.created_at,
              (SELECT count(*) FROM agencies a WHERE a.network_code = n.code AND a.left_at IS NULL)::int AS members
         FROM networks n WHERE $1::text IS NULL OR n.code = $1 ORDER BY n.code`,
      [code ?? null],
    )) as {
      code: string;
      name: string;
      country: string | null;
      time_zone: string;
      coordinator_agency: string;
      created_at: Date;
      members: number;
    }[];
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      country: r.country,
      timeZone: r.time_zone,
      coordinatorAgency: r.coordinator_agency,
      members: r.members,
      createdAt: r.created_at.toISOString(),
    }));
  }
}

/** The members as given, or a 400 naming every field that is wrong (and the time zone, and the coordinator). */
function validMembers(dto: CreateNetworkDto): { code: string; name: string }[] {
  const errors: FieldError[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: dto.timeZone });
  } catch {
    errors.push({ field: 'timeZone', message: 'must be an IANA time zone, such as Asia/Dili' });
  }
  if (dto.members.length === 0) errors.push({ field: 'members', message: 'must name at least one member agency' });
  if (dto.members.length > MAX_MEMBERS)
    errors.push({ field: 'members', message: `must name at most ${MAX_MEMBERS} member agencies` });
  const seen = new Set<string>();
  const members: { code: string; name: string }[] = [];
  dto.members.slice(0, MAX_MEMBERS).forEach((m: unknown, i) => {
    const field = `members[${i}]`;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      errors.push({ field, message: 'must be an object { code, name }' });
      return;
    }
    const { code, name, ...rest } = m as Record<string, unknown>;
    for (const extra of Object.keys(rest))
      errors.push({ field: `${field}.${extra}`, message: 'is not a member field' });
    if (typeof code !== 'string' || !AGENCY_CODE.test(code))
      errors.push({
        field: `${field}.code`,
        message: 'must be an agency code: an upper-case letter, then 1 to 31 upper-case letters, digits or -',
      });
    else if (seen.has(code)) errors.push({ field: `${field}.code`, message: `names ${code} a second time` });
    else seen.add(code);
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
      errors.push({ field: `${field}.name`, message: 'must be a name of 1 to 200 characters' });
    if (typeof code === 'string' && typeof name === 'string') members.push({ code, name: name.trim() });
  });
  if (!seen.has(dto.coordinatorAgency))
    errors.push({ field: 'coordinatorAgency', message: 'must be one of the members' });
  if (errors.length > 0) throw AppError.validation(errors);
  return members;
}
