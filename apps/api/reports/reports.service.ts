import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import type { Language } from '../../../libs/domain/people';
import {
  CycleEntity,
  NetworkEntity,
  PersonEntity,
  PlanActivityEntity,
  PlanRevisionEntity,
} from '../../../libs/persistence/entities';
import { renderUnInfo, unInfoExport } from '../../../libs/reports/un-info-export';
import { annualReportDocument, type CycleReport } from '../../../libs/reports/annual-report-document';
import { renderReport, type RenderedReport } from '../../../libs/reports/render-report';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import type { Principal } from '../auth/principal';
import type { ReportQueryDto, UnInfoQueryDto } from './report.dto';

/** How many rendered files are kept: a PDF of 200 activities takes ~0.6 s of this process's one thread to lay out. */
const CACHED_FILES = 32;

/** Reports that leave the system: read from the read models, rendered by libs/reports in the reader's language. */
@Injectable()
export class ReportsService {
  /** Rendered files by what they were rendered from (the cycle row's revision): a second download is not laid out again. */
  private readonly rendered = new Map<string, RenderedReport>();

  constructor(
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(PlanRevisionEntity) private readonly revisions: Repository<PlanRevisionEntity>,
    @InjectRepository(PlanActivityEntity) private readonly activities: Repository<PlanActivityEntity>,
  ) {}

  /** The year's endorsed work plan shaped for UN INFO, with each activity's progress, indicators and spending. */
  async unInfo(network: string, year: number, query: UnInfoQueryDto): Promise<RenderedReport> {
    if (query.table !== undefined && (query.format ?? 'csv') !== 'csv')
      throw AppError.validation([{ field: 'table', message: 'names a CSV file: use it with format=csv' }]);
    const cycle = await this.cycles.findOneBy({ networkCode: network, year });
    if (!cycle) throw new AppError(ErrorCode.CYCLE_NOT_FOUND, `Network "${network}" has no ${year} cycle`);
    const endorsed = await this.revisions.findOne({
      where: { networkCode: network, year },
      order: { revision: 'DESC' },
    });
    if (!endorsed?.endorsedAt)
      throw new AppError(
        ErrorCode.PLAN_NOT_ENDORSED,
        `The ${year} work plan is not endorsed yet: the cycle is in ${cycle.phase}`,
      );
    const rows = await this.activities.find({ where: { networkCode: network, year }, order: { id: 'ASC' } });
    const plan = { network, year, revision: endorsed.revision, endorsedAt: endorsed.endorsedAt.toISOString() };
    const x = unInfoExport(
      plan,
      rows.map((r) => ({
        ...r,
        twg: r.twg ?? undefined,
        genderMarker: r.genderMarker ?? undefined,
        humanRightsMarker: r.humanRightsMarker ?? undefined,
        budget: r.budget ?? undefined,
      })),
    );
    return renderUnInfo(x, query.format ?? 'csv', query.table);
  }

  async annual(network: string, year: number, query: ReportQueryDto, reader: Principal): Promise<RenderedReport> {
    if (query.table !== undefined && (query.format ?? 'pdf') !== 'csv')
      throw AppError.validation([{ field: 'table', message: 'names a CSV file: use it with format=csv' }]);
    const cycle = await this.cycles.findOneBy({ networkCode: network, year });
    if (!cycle) throw new AppError(ErrorCode.CYCLE_NOT_FOUND, `Network "${network}" has no ${year} cycle`);
    if (!cycle.report)
      throw new AppError(
        ErrorCode.REPORT_NOT_DRAFTED,
        `The ${year} annual report is drafted when the year ends; the cycle is in ${cycle.phase}`,
      );
    const net = await this.networks.findOneByOrFail({ code: network });
    const language = query.lang ?? (await this.languageOf(reader));
    const format = query.format ?? 'pdf';
    const key = [network, year, cycle.revision, net.name, net.country, language, format, query.table].join('\u0000');
    const cached = this.rendered.get(key);
    if (cached) return cached;
    const doc = annualReportDocument(cycle.report as unknown as CycleReport, {
      language,
      timeZone: cycle.calendar.timeZone ?? net.timeZone,
      networkName: net.country ?? net.name,
    });
    const file = await renderReport(doc, format, query.table);
    this.rendered.set(key, file);
    if (this.rendered.size > CACHED_FILES) this.rendered.delete(this.rendered.keys().next().value!);
    return file;
  }

  /** A signed-in person reads in their own language; a program's key without a person, in English. */
  private async languageOf(reader: Principal): Promise<Language> {
    if (!reader.personId) return 'en';
    return ((await this.people.findOneBy({ id: reader.personId }))?.language as Language | undefined) ?? 'en';
  }
}
