import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, QueryFailedError } from 'typeorm';

import { isValidYear, MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';
import type { FieldError } from '../../../libs/domain/field-error';
import { EngagementEntity, PartnerEntity, PlanActivityEntity } from '../../../libs/persistence/entities';
import { personOf, type Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import type {
  CreateEngagementDto,
  CreatePartnerDto,
  EngagementDto,
  EngagementQueryDto,
  PartnerDto,
} from './partner.dto';

/**
 * The register of external partners and the log of the Network's engagement with them (ToR objective 8). Plain
 * records, not a process: each write is a command of the audit log like any other.
 */
@Injectable()
export class PartnersService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(network: string, dto: CreatePartnerDto, by: Principal): Promise<PartnerDto> {
    const name = dto.name.trim();
    const partners = this.ds.getRepository(PartnerEntity);
    const exists = () =>
      new AppError(ErrorCode.PARTNER_EXISTS, `Network "${network}" has a partner named "${name}" already`);
    if (await partners.findOneBy({ networkCode: network, name })) throw exists();
    try {
      const saved = await partners.save({
        networkCode: network,
        name,
        category: dto.category,
        contact: dto.contact?.trim() || null,
        createdBy: personOf(by),
      });
      return partnerDto(saved);
    } catch (e) {
      // Two at once with one name: the unique index lets one in, the other is told as the check above tells it.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') throw exists();
      throw e;
    }
  }

  async list(network: string): Promise<PartnerDto[]> {
    const rows = await this.ds
      .getRepository(PartnerEntity)
      .find({ where: { networkCode: network }, order: { category: 'ASC', name: 'ASC' } });
    return rows.map(partnerDto);
  }

  /** Records an engagement; every partner and activity it names must be the network's, each refusal names its field. */
  async record(network: string, dto: CreateEngagementDto, by: Principal): Promise<EngagementDto> {
    const day = new Date(`${dto.on}T00:00:00Z`);
    const year = day.getUTCFullYear();
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== dto.on || !isValidYear(year))
      throw AppError.validation([
        { field: 'on', message: `must be a day from ${MIN_YEAR} to ${MAX_YEAR}, such as 2030-05-14` },
      ]);
    const partners = await this.ds
      .getRepository(PartnerEntity)
      .findBy({ networkCode: network, id: In([...new Set(dto.partners)]) });
    const activities = dto.activities ?? [];
    const plan = activities.length
      ? (await this.ds.getRepository(PlanActivityEntity).findBy({ networkCode: network, year })).map((a) => a.id)
      : [];
    const errors: FieldError[] = [
      ...dto.partners.flatMap((id, i) =>
        partners.some((p) => p.id === id)
          ? []
          : [{ field: `partners[${i}]`, message: 'is no partner of this network (see GET …/partners)' }],
      ),
      ...activities.flatMap((id, i) =>
        plan.includes(id)
          ? []
          : [
              {
                field: `activities[${i}]`,
                message: plan.length
                  ? `is not an activity of the ${year} work plan (${plan.join(', ')})`
                  : `is not an activity: the ${year} work plan has none endorsed`,
              },
            ],
      ),
    ];
    if (errors.length > 0) throw AppError.validation(errors);
    const saved = await this.ds.getRepository(EngagementEntity).save({
      networkCode: network,
      year,
      happenedOn: dto.on,
      kind: dto.kind,
      title: dto.title.trim(),
      note: dto.note?.trim() || null,
      partnerIds: [...new Set(dto.partners)],
      activityIds: [...new Set(activities)],
      gcmObjectives: [...new Set(dto.gcmObjectives ?? [])].sort((a, b) => a - b),
      feeds: [...new Set(dto.feeds ?? [])],
      recordedBy: personOf(by),
      agencyCode: by.agency ?? '',
    });
    return engagementDto(saved, partners);
  }

  /** The engagements, newest first: of a year, with a partner, or with a partner of a category. */
  async engagements(network: string, q: EngagementQueryDto): Promise<EngagementDto[]> {
    const rows = await this.ds.getRepository(EngagementEntity).find({
      where: { networkCode: network, ...(q.year ? { year: q.year } : {}) },
      order: { happenedOn: 'DESC', recordedAt: 'DESC' },
    });
    const partners = await this.ds.getRepository(PartnerEntity).findBy({ networkCode: network });
    return rows
      .map((r) => engagementDto(r, partners))
      .filter(
        (e) =>
          (!q.partner || e.partners.some((p) => p.id === q.partner)) &&
          (!q.category || e.partners.some((p) => p.category === q.category)),
      );
  }
}

function partnerDto(p: PartnerEntity): PartnerDto {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    contact: p.contact,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

function engagementDto(e: EngagementEntity, partners: readonly PartnerEntity[]): EngagementDto {
  return {
    id: e.id,
    on: e.happenedOn,
    year: e.year,
    kind: e.kind,
    title: e.title,
    note: e.note,
    partners: e.partnerIds.flatMap((id) => {
      const p = partners.find((x) => x.id === id);
      return p ? [{ id: p.id, name: p.name, category: p.category }] : [];
    }),
    activities: e.activityIds,
    gcmObjectives: e.gcmObjectives,
    feeds: e.feeds,
    recordedBy: e.recordedBy,
    agency: e.agencyCode,
    recordedAt: e.recordedAt.toISOString(),
  };
}
