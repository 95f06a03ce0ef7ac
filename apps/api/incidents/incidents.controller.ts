import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional } from 'class-validator';
import { IsNull, Repository } from 'typeorm';

import { IncidentEntity } from '../../../libs/persistence/entities';
import { isoOrNull } from '../common/iso';
import { S } from '../common/schemas';
import { QueryBoolean } from '../common/query-boolean';

export class IncidentQueryDto {
  @ApiPropertyOptional({ description: 'true: resolved incidents too (by default only open ones)' })
  @IsOptional()
  @QueryBoolean()
  all?: boolean;
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('networks/:network/incidents')
export class IncidentsController {
  constructor(@InjectRepository(IncidentEntity) private readonly incidents: Repository<IncidentEntity>) {}

  @Get()
  @ApiOperation({ summary: 'What a process could not do by itself (a projection PostgreSQL refused), newest first' })
  @ApiOkResponse({
    schema: S.items(
      S.obj({
        workflowId: S.str(),
        kind: S.str(),
        firstAt: S.time(),
        lastAt: S.time(),
        occurrences: S.int(),
        lastError: S.str(),
        resolvedAt: S.nullable(S.time()),
      }),
    ),
  })
  async list(@Param('network') network: string, @Query() q: IncidentQueryDto) {
    const rows = await this.incidents.find({
      where: { networkCode: network, ...(q.all ? {} : { resolvedAt: IsNull() }) },
      order: { lastAt: 'DESC' },
      take: 500,
    });
    return {
      items: rows.map((r) => ({
        workflowId: r.workflowId,
        kind: r.kind,
        firstAt: r.firstAt.toISOString(),
        lastAt: r.lastAt.toISOString(),
        occurrences: r.occurrences,
        lastError: r.lastError,
        resolvedAt: isoOrNull(r.resolvedAt),
      })),
    };
  }
}
