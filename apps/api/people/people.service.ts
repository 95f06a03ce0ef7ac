import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';

import type { FieldError } from '../../../libs/domain/field-error';
import { actingRoleOf, AGENCY_PERSON_ROLES, normalEmail, PersonRole } from '../../../libs/domain/people';
import { AgencyEntity, ApiKeyEntity, NetworkEntity, PersonEntity, TwgEntity } from '../../../libs/persistence/entities';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { UUID } from '../common/uuid';
import type { CreatePersonDto, PersonDto, UpdatePersonDto } from './person.dto';

const NOT_NULL = ['name', 'email', 'role', 'language', 'active'] as const;

/** A person as the checks see it: what a create names, or a stored person with a change applied. */
type Candidate = Pick<PersonEntity, 'name' | 'email' | 'role' | 'agencyCode' | 'twgCode'>;

/**
 * A network's people: added and changed by its coordinator (or the platform administrator, who adds a new network's
 * first coordinator). Never deleted: made inactive, their keys stop at once and the audit trail keeps their name.
 */
@Injectable()
export class PeopleService {
  private readonly log = new Logger(PeopleService.name);

  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
  ) {}

  async list(network: string, q: { agency?: string; role?: PersonRole; active?: boolean } = {}) {
    await this.network(network);
    const rows = await this.people.find({
      where: {
        networkCode: network,
        ...(q.agency ? { agencyCode: q.agency } : {}),
        ...(q.role ? { role: q.role } : {}),
        ...(q.active !== undefined ? { active: q.active } : {}),
      },
      order: { agencyCode: 'ASC', name: 'ASC', id: 'ASC' },
    });
    return { items: rows.map(toPersonDto) };
  }

  async get(network: string, id: string): Promise<PersonDto> {
    return toPersonDto(await this.person(network, id));
  }

  async create(network: string, dto: CreatePersonDto): Promise<PersonDto> {
    const net = await this.network(network);
    const candidate: Candidate = {
      name: dto.name.trim(),
      email: normalEmail(dto.email),
      role: dto.role,
      // The coordinator acts for the coordinating agency, named or not.
      agencyCode: dto.agency ?? (dto.role === 'coordinator' ? net.coordinatorAgency : null),
      twgCode: dto.twg ?? null,
    };
    return this.people.manager.transaction(async (tx) => {
      await this.check(tx, net, candidate);
      const saved = await this.saveUnique(
        tx,
        tx.getRepository(PersonEntity).create({
          ...candidate,
          networkCode: network,
          language: dto.language ?? 'en',
          active: true,
        }),
      );
      this.log.log(
        `${saved.name} (${saved.role}${saved.agencyCode ? ` of ${saved.agencyCode}` : ''}) added to network ${network}`,
      );
      return toPersonDto(saved);
    });
  }

  /** A change to a person; their keys follow their part and agency from the next request on. */
  async update(network: string, id: string, dto: UpdatePersonDto): Promise<PersonDto> {
    const nulls = NOT_NULL.filter((f) => (dto as Record<string, unknown>)[f] === null);
    if (nulls.length > 0) throw AppError.validation(nulls.map((field) => ({ field, message: 'must not be null' })));
    const net = await this.network(network);
    return this.people.manager.transaction(async (tx) => {
      const repo = tx.getRepository(PersonEntity);
      const old = await repo.findOne({
        where: { id: this.uuid(id), networkCode: network },
        lock: { mode: 'pessimistic_write' },
      });
      if (!old) throw notFound(network, id);
      const role = dto.role ?? old.role;
      const next: PersonEntity = {
        ...old,
        name: dto.name?.trim() ?? old.name,
        email: dto.email !== undefined ? normalEmail(dto.email) : old.email,
        role,
        agencyCode:
          dto.agency !== undefined
            ? dto.agency
            : role === 'coordinator' && dto.role
              ? net.coordinatorAgency
              : AGENCY_PERSON_ROLES.includes(role)
                ? old.agencyCode
                : null,
        // A TWG lead's TWG goes with the part.
        twgCode: dto.twg !== undefined ? dto.twg : role === 'twg-lead' ? old.twgCode : null,
        language: dto.language ?? old.language,
        active: dto.active ?? old.active,
      };
      await this.check(tx, net, next, old);
      const saved = await this.saveUnique(tx, next);
      // A person's keys show the part they act in now (the guard reads the person; the list reads these columns).
      await tx
        .getRepository(ApiKeyEntity)
        .update({ personId: id }, { role: actingRoleOf(saved.role), agencyCode: saved.agencyCode });
      if (old.active !== saved.active)
        this.log.log(
          `${saved.name} is ${saved.active ? 'active again' : 'inactive'} in network ${network}: their keys ${saved.active ? 'act again' : 'stop'}`,
        );
      return toPersonDto(saved);
    });
  }

  /** Everything about a person that must hold, each failure naming its field; nothing is written when one fails. */
  private async check(tx: EntityManager, net: NetworkEntity, p: Candidate, old?: PersonEntity): Promise<void> {
    const errors: FieldError[] = [];
    if (p.name === '') errors.push({ field: 'name', message: 'must not be blank' });
    const needsAgency = AGENCY_PERSON_ROLES.includes(p.role);
    if (!needsAgency && p.agencyCode)
      errors.push({ field: 'agency', message: `a person who is ${p.role} acts for no agency` });
    else if (needsAgency && !p.agencyCode)
      errors.push({ field: 'agency', message: `must name the member agency a ${p.role} acts for` });
    else if (p.role === 'coordinator' && p.agencyCode !== net.coordinatorAgency)
      errors.push({ field: 'agency', message: `a coordinator acts for ${net.coordinatorAgency}, which coordinates` });
    else if (p.agencyCode && p.agencyCode !== old?.agencyCode) {
      const member = await tx
        .getRepository(AgencyEntity)
        .findOneBy({ networkCode: net.code, code: p.agencyCode, leftAt: IsNull() });
      if (!member) errors.push({ field: 'agency', message: `${p.agencyCode} is not a member agency of the Network` });
    }
    if (p.role !== 'twg-lead' && p.twgCode) errors.push({ field: 'twg', message: 'only a twg-lead leads a TWG' });
    else if (p.role === 'twg-lead' && !p.twgCode)
      errors.push({ field: 'twg', message: 'must name the TWG a twg-lead leads' });
    else if (p.twgCode) {
      const twg = await tx
        .getRepository(TwgEntity)
        .findOneBy({ networkCode: net.code, code: p.twgCode, abolishedOn: IsNull() });
      if (!twg) errors.push({ field: 'twg', message: `the Network has no TWG "${p.twgCode}"` });
      else if (p.agencyCode && twg.leadAgency !== p.agencyCode && !twg.memberAgencies.includes(p.agencyCode))
        errors.push({ field: 'twg', message: `${p.agencyCode} is not a member of TWG "${p.twgCode}"` });
    }
    if (errors.length > 0) throw AppError.validation(errors);
  }

  /** Saves, answering a second person with the same address as 409 naming `email` (the unique index decides a race). */
  private async saveUnique(tx: EntityManager, row: PersonEntity): Promise<PersonEntity> {
    const taken = await tx
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where('p.network_code = :n AND p.email = :e', { n: row.networkCode, e: row.email })
      .andWhere(row.id ? 'p.id <> :id' : 'TRUE', { id: row.id })
      .getExists();
    if (!taken) {
      try {
        return await tx.getRepository(PersonEntity).save(row);
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
      }
    }
    throw new AppError(ErrorCode.PERSON_EXISTS, `Someone in the network has the address ${row.email} already`, [
      { field: 'email', message: 'belongs to another person of the network' },
    ]);
  }

  private async network(code: string): Promise<NetworkEntity> {
    const row = await this.networks.findOneBy({ code });
    if (!row) throw new AppError(ErrorCode.NETWORK_NOT_FOUND, `Network "${code}" does not exist`);
    return row;
  }

  private uuid(id: string): string {
    if (!UUID.test(id)) throw AppError.validation([{ field: 'id', message: 'must be a person id (a UUID)' }]);
    return id;
  }

  async person(network: string, id: string): Promise<PersonEntity> {
    const row = await this.people.findOneBy({ id: this.uuid(id), networkCode: network });
    if (!row) throw notFound(network, id);
    return row;
  }
}

function notFound(network: string, id: string): AppError {
  return new AppError(ErrorCode.PERSON_NOT_FOUND, `Network "${network}" has no person ${id}`);
}

export function toPersonDto(p: PersonEntity): PersonDto {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    agency: p.agencyCode,
    twg: p.twgCode,
    language: p.language,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
  };
}
