import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import type { FieldError } from '../../../libs/domain/field-error';
import { actingRoleOf } from '../../../libs/domain/people';
import { AbsenceEntity, PersonEntity } from '../../../libs/persistence/entities';
import { personOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { UUID } from '../common/uuid';
import type { AbsenceDto, CreateAbsenceDto } from './absence.dto';

/** The longest absence one command sets: a year (a longer one is a change of focal point, not leave). */
const MAX_DAYS = 366;

/** An absent person whom a substitute stands in for now: whose agency's tasks they act on, and whose name they carry. */
export interface StandIn {
  readonly personId: string;
  readonly person: string;
  readonly agency: string;
}

interface AbsenceRow {
  id: string;
  person_id: string;
  person: string;
  agency: string;
  substitute_id: string;
  substitute: string;
  substitute_agency: string;
  starts_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  note: string | null;
  set_by: string;
  current: boolean;
}

const SELECT = `SELECT a.id, a.person_id, p.name AS person, p.agency_code AS agency, a.substitute_id,
         s.name AS substitute, s.agency_code AS substitute_agency, a.starts_at, a.ends_at, a.ended_at, a.note, a.set_by,
         (a.ended_at IS NULL AND a.starts_at <= now() AND a.ends_at > now()) AS current
    FROM absences a JOIN people p ON p.id = a.person_id JOIN people s ON s.id = a.substitute_id`;

/**
 * Absences with a substitute (issue 13). A person acting for an agency sets their own, with a substitute of the same
 * agency; one of another agency stands in only with the coordinator's leave, so only the coordinator sets that. While
 * an absence runs, its substitute acts on the absent person's agency's tasks and every such command names both.
 */
@Injectable()
export class AbsencesService {
  private readonly log = new Logger(AbsencesService.name);

  constructor(@InjectRepository(AbsenceEntity) private readonly absences: Repository<AbsenceEntity>) {}

  async list(network: string, q: { person?: string; current?: boolean }): Promise<{ items: AbsenceDto[] }> {
    const params: unknown[] = [network];
    const where = ['a.network_code = $1'];
    if (q.person) where.push(`a.person_id = $${params.push(q.person)}`);
    if (q.current !== undefined)
      where.push(`${q.current ? '' : 'NOT '}(a.ended_at IS NULL AND a.starts_at <= now() AND a.ends_at > now())`);
    const rows = await this.absences.query<AbsenceRow[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.starts_at DESC, a.id`,
      params,
    );
    return { items: rows.map(toDto) };
  }

  async create(network: string, dto: CreateAbsenceDto, by: Principal): Promise<AbsenceDto> {
    const startsAt = new Date(Date.parse(dto.startsAt));
    const endsAt = new Date(Date.parse(dto.endsAt));
    const period: FieldError[] = [];
    if (endsAt <= startsAt) period.push({ field: 'endsAt', message: 'must be later than startsAt' });
    else if (endsAt.getTime() <= Date.now()) period.push({ field: 'endsAt', message: 'must be in the future' });
    else if (endsAt.getTime() - startsAt.getTime() > MAX_DAYS * 86_400_000)
      period.push({ field: 'endsAt', message: `must be at most ${MAX_DAYS} days after startsAt` });
    if (period.length > 0) throw AppError.validation(period);
    if (by.role !== 'coordinator' && by.personId !== dto.person)
      throw new AppError(ErrorCode.FORBIDDEN, 'A person sets their own absence; the coordinator sets anyone’s', [
        { field: 'person', message: 'must be yourself (or ask the coordinator)' },
      ]);

    return this.absences.manager.transaction(async (tx) => {
      const people = tx.getRepository(PersonEntity);
      // The absent person's row is locked: two overlapping absences set at once cannot both pass the check below.
      const person = await people.findOne({
        where: { id: dto.person, networkCode: network },
        lock: { mode: 'pessimistic_write' },
      });
      const substitute = await people.findOneBy({ id: dto.substitute, networkCode: network });
      const errors: FieldError[] = [];
      if (!person) errors.push({ field: 'person', message: `network ${network} has no person ${dto.person}` });
      else if (!person.active) errors.push({ field: 'person', message: `${person.name} is not active` });
      else if (actingRoleOf(person.role) !== 'agency')
        errors.push({
          field: 'person',
          message: `a ${person.role} has no substitute: their stand-in is another ${person.role} of the network`,
        });
      if (!substitute)
        errors.push({ field: 'substitute', message: `network ${network} has no person ${dto.substitute}` });
      else if (!substitute.active) errors.push({ field: 'substitute', message: `${substitute.name} is not active` });
      else if (actingRoleOf(substitute.role) !== 'agency')
        errors.push({ field: 'substitute', message: `a ${substitute.role} acts for no agency's tasks` });
      else if (substitute.id === person?.id)
        errors.push({ field: 'substitute', message: 'must be someone other than the person away' });
      if (errors.length > 0) throw AppError.validation(errors);
      if (substitute!.agencyCode !== person!.agencyCode && by.role !== 'coordinator')
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `${substitute!.name} is of ${substitute!.agencyCode}, not ${person!.agencyCode}: a substitute of another agency stands in only with the coordinator's leave, so the coordinator sets this absence`,
          [
            {
              field: 'substitute',
              message: `must be of ${person!.agencyCode}, or the coordinator must set the absence`,
            },
          ],
        );
      const overlapping = await tx
        .getRepository(AbsenceEntity)
        .createQueryBuilder('a')
        .where('a.person_id = :p AND a.ended_at IS NULL AND a.starts_at < :end AND a.ends_at > :start', {
          p: person!.id,
          start: startsAt,
          end: endsAt,
        })
        .getOne();
      if (overlapping)
        throw new AppError(
          ErrorCode.ABSENCE_OVERLAPS,
          `${person!.name} is away already from ${overlapping.startsAt.toISOString()} to ${overlapping.endsAt.toISOString()} (absence ${overlapping.id}): end it first`,
          [{ field: 'startsAt', message: 'overlaps another absence of the person' }],
        );
      const saved = await tx.getRepository(AbsenceEntity).save(
        tx.getRepository(AbsenceEntity).create({
          networkCode: network,
          personId: person!.id,
          substituteId: substitute!.id,
          startsAt,
          endsAt,
          note: dto.note?.trim() || null,
          setBy: personOf(by),
          endedAt: null,
        }),
      );
      this.log.log(
        `${person!.name} (${person!.agencyCode}) away ${startsAt.toISOString()}–${endsAt.toISOString()} in network ${network}; ${substitute!.name} (${substitute!.agencyCode}) stands in`,
      );
      return this.one(tx.getRepository(AbsenceEntity), network, saved.id);
    });
  }

  /** Back early: the absence ends now and its substitute stops acting for the person at once. */
  async end(network: string, id: string, by: Principal): Promise<AbsenceDto> {
    const row = await this.one(this.absences, network, id);
    if (by.role !== 'coordinator' && by.personId !== row.personId)
      throw new AppError(ErrorCode.FORBIDDEN, `Only ${row.person} or the coordinator ends ${row.person}'s absence`);
    await this.absences.query(
      `UPDATE absences SET ended_at = now() WHERE id = $1 AND ended_at IS NULL AND ends_at > now()`,
      [id],
    );
    return this.one(this.absences, network, id);
  }

  /** Whom this person stands in for right now, earliest absence first (an inactive absent person has no stand-in). */
  async standInsFor(network: string, substituteId: string): Promise<StandIn[]> {
    const rows = await this.absences.query<{ id: string; name: string; agency: string }[]>(
      `SELECT p.id, p.name, p.agency_code AS agency FROM absences a JOIN people p ON p.id = a.person_id
        WHERE a.substitute_id = $1 AND a.network_code = $2 AND a.ended_at IS NULL AND a.starts_at <= now()
          AND a.ends_at > now() AND p.active AND p.agency_code IS NOT NULL
        ORDER BY a.starts_at, a.id`,
      [substituteId, network],
    );
    return rows.map((r) => ({ personId: r.id, person: r.name, agency: r.agency }));
  }

  private async one(repo: Repository<AbsenceEntity>, network: string, id: string): Promise<AbsenceDto> {
    if (!UUID.test(id)) throw AppError.validation([{ field: 'id', message: 'must be an absence id (a UUID)' }]);
    const [row] = await repo.query<AbsenceRow[]>(`${SELECT} WHERE a.network_code = $1 AND a.id = $2`, [network, id]);
    if (!row) throw new AppError(ErrorCode.ABSENCE_NOT_FOUND, `Network "${network}" has no absence ${id}`);
    return toDto(row);
  }
}

function toDto(r: AbsenceRow): AbsenceDto {
  return {
    id: r.id,
    personId: r.person_id,
    person: r.person,
    agency: r.agency,
    substituteId: r.substitute_id,
    substitute: r.substitute,
    substituteAgency: r.substitute_agency,
    startsAt: r.starts_at.toISOString(),
    endsAt: (r.ended_at && r.ended_at < r.ends_at ? r.ended_at : r.ends_at).toISOString(),
    note: r.note,
    setBy: r.set_by,
    current: r.current,
  };
}
