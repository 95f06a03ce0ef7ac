import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, IsNull, Repository } from 'typeorm';

import { TwgEntity } from '../../../libs/persistence/entities';
import { isoOrNull } from '../common/iso';
import { TwgDto, TwgListDto, TwgQueryDto } from './twg.dto';

/** The TWG registry, read from PostgreSQL. */
@Injectable()
export class TwgsService {
  constructor(@InjectRepository(TwgEntity) private readonly twgs: Repository<TwgEntity>) {}

  async list(network: string, query: TwgQueryDto): Promise<TwgListDto> {
    const where: FindOptionsWhere<TwgEntity> = { networkCode: network };
    if (query.include !== 'abolished') where.abolishedOn = IsNull();
    const rows = await this.twgs.find({ where, order: { establishedOn: 'ASC', code: 'ASC' } });
    return { items: rows.map(toDto) };
  }
}

function toDto(r: TwgEntity): TwgDto {
  return {
    code: r.code,
    name: r.name,
    thematicArea: r.thematicArea,
    leadAgency: r.leadAgency,
    memberAgencies: r.memberAgencies,
    establishedOn: r.establishedOn.toISOString(),
    establishedBy: r.establishedBy,
    abolishedOn: isoOrNull(r.abolishedOn),
    abolishedBy: r.abolishedBy,
  };
}
