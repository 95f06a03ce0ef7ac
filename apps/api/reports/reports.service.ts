import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, type Repository } from 'typeorm';

import type { Language } from '../../../libs/domain/people';
import {
  CycleEntity,
  ImpedimentEntity,
  MeetingEntity,
  NetworkEntity,
  PersonEntity,
  PlanActivityEntity,
  PlanRevisionEntity,
  TwgEntity,
  TwgRoundEntity,
} from '../../../libs/persistence/entities';
import { engagementsByCategory } from '../../../libs/persistence/engagements';
import { annualReportDocument, type CycleReport } from '../../../libs/reports/annual-report-document';
import { quarterlyUpdateDocument } from '../../../libs/reports/quarterly-update-document';
import { renderReport, UnknownTableError, type RenderedReport } from '../../../libs/reports/render-report';
import type { ReportDocument } from '../../../libs/reports/report-document';
import type { ReportReader } from '../../../libs/reports/report-words';
import { twgReportDocument } from '../../../libs/reports/twg-report-document';
import { renderUnInfo, unInfoExport, type MeasuredPlanActivity } from '../../../libs/reports/un-info-export';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import type { Principal } from '../auth/principal';
import type { ReportQueryDto, UnInfoQueryDto } from './report.dto';

/** How many rendered files are kept: a PDF of 200 activities takes ~0.6 s of this process's one thread to lay out. */
const CACHED_FILES = 32;

/** Reports that leave the system: read from the read models, rendered by libs/reports in the reader's language. */
@Injectable()
export class ReportsService {
  /** Rendered files by what they were rendered from (the rows' revisions): a second download is not laid out again. */
  private readonly rendered = new Map<string, RenderedReport>();

  constructor(
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(PlanRevisionEntity) private readonly revisions: Repository<PlanRevisionEntity>,
    @InjectRepository(PlanActivityEntity) private readonly activities: Repository<PlanActivityEntity>,
    @InjectRepository(TwgEntity) private readonly twgs: Repository<TwgEntity>,
    @InjectRepository(TwgRoundEntity) private readonly rounds: Repository<TwgRoundEntity>,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(ImpedimentEntity) private readonly impediments: Repository<ImpedimentEntity>,
  ) {}

  /** The annual report, once the year ended and the cycle drafted it. */
  async annual(network: string, year: number, query: ReportQueryDto, by: Principal): Promise<RenderedReport> {
    csvOnly(query.table, query.format ?? 'pdf');
    const cycle = await this.cycle(network, year);
    const report = cycle.report;
    if (!report)
      throw new AppError(
        ErrorCode.REPORT_NOT_DRAFTED,
        `The ${year} annual report is drafted when the year ends; the cycle is in ${cycle.phase}`,
      );
    const engagement = await engagementsByCategory((sql, params) => this.cycles.query(sql, params), network, year);
    const version = `annual:${year}:${cycle.revision}:${JSON.stringify(engagement)}`;
    return this.render(network, query, by, { version, timeZone: cycle.calendar.timeZone }, (reader) =>
      annualReportDocument(report as unknown as CycleReport, reader, engagement),
    );
  }

  /** A TWG's report of one bi-monthly period: as consolidated, or as the round stands while it is open. */
  async twg(
    network: string,
    code: string,
    year: number,
    period: number,
    query: ReportQueryDto,
    by: Principal,
  ): Promise<RenderedReport> {
    csvOnly(query.table, query.format ?? 'pdf');
    if (!Number.isInteger(period) || period < 1 || period > 6)
      throw AppError.validation([{ field: 'period', message: 'must be a bi-monthly period from 1 to 6' }]);
    const twg = await this.twgs.findOneBy({ networkCode: network, code });
    if (!twg) throw new AppError(ErrorCode.TWG_NOT_FOUND, `Network "${network}" has no TWG "${code}"`);
    const round = await this.rounds.findOneBy({ networkCode: network, twg: code, year, period });
    if (!round)
      throw new AppError(ErrorCode.TWG_NOT_FOUND, `TWG "${code}" has no round for period ${period} of ${year}`);
    // The round's dates are its year's calendar's: read in that calendar's zone, as the other reports are.
    const zone = (await this.cycles.findOneBy({ networkCode: network, year }))?.calendar.timeZone;
    const version = `twg:${round.id}:${round.revision}:${twg.memberAgencies}`;
    return this.render(network, query, by, { version, timeZone: zone }, (reader) =>
      twgReportDocument(
        {
          network,
          twg,
          year,
          period,
          // The TWG's members as they are now (the round's own list lives in its history), and whoever answered.
          members: twg.memberAgencies,
          status: round.status,
          periodStart: round.periodStart.toISOString(),
          periodEnd: round.periodEnd.toISOString(),
          updates: round.updates,
          report: round.report,
          closedAt: round.closedAt?.toISOString() ?? null,
          cancelledReason: round.cancelledReason,
        },
        reader,
      ),
    );
  }

  /** The quarterly Network update, as the quarter stands (it may be asked for while the quarter runs). */
  async quarterly(
    network: string,
    year: number,
    quarter: number,
    query: ReportQueryDto,
    by: Principal,
  ): Promise<RenderedReport> {
    csvOnly(query.table, query.format ?? 'pdf');
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
      throw AppError.validation([{ field: 'quarter', message: 'must be a quarter from 1 to 4' }]);
    const cycle = await this.cycle(network, year);
    const { start, end } = cycle.calendar.quarters[quarter - 1];
    if (Date.parse(start) > Date.now())
      throw new AppError(
        ErrorCode.REPORT_NOT_DRAFTED,
        `Q${quarter} of ${year} begins on ${start}: nothing to report yet`,
      );
    const [activities, meetings, rounds, open] = await Promise.all([
      this.measured(network, year),
      this.meetings.find({ where: { networkCode: network, year }, order: { scheduledAt: 'ASC' } }),
      this.rounds.find({ where: { networkCode: network, year }, order: { twg: 'ASC', period: 'ASC' } }),
      this.impediments.find({
        where: { networkCode: network, status: Not('resolved'), raisedAt: LessThan(new Date(end)) },
        order: { raisedAt: 'ASC' },
      }),
    ]);
    const within = (d: Date) => d.toISOString() >= start && d.toISOString() < end;
    // Not cached: it reads five tables, and is asked for rarely.
    return this.render(network, query, by, { timeZone: cycle.calendar.timeZone }, (reader) =>
      quarterlyUpdateDocument(
        {
          network,
          year,
          quarter,
          start,
          end,
          activities,
          meetings: meetings
            .filter((m) => within(m.scheduledAt))
            .map((m) => ({
              id: m.id,
              title: m.title,
              status: m.status,
              scheduledAt: m.scheduledAt.toISOString(),
              heldAt: m.heldAt?.toISOString() ?? null,
              adoptedAt: m.adoptedAt?.toISOString() ?? null,
              decisions: m.decisions,
            })),
          rounds: rounds.map((r) => {
            const updates = Object.values(r.updates);
            return {
              twg: r.twg,
              period: r.period,
              periodEnd: r.periodEnd.toISOString(),
              status: r.status,
              sent: updates.filter(Boolean).length,
              missing: updates.filter((u) => !u).length,
              closedAt: r.closedAt?.toISOString() ?? null,
            };
          }),
          openImpediments: open.map((i) => ({ ...i, raisedAt: i.raisedAt.toISOString() })),
        },
        reader,
      ),
    );
  }

  /** The year's endorsed work plan shaped for UN INFO, with each activity's progress, indicators and spending. */
  async unInfo(network: string, year: number, query: UnInfoQueryDto): Promise<RenderedReport> {
    csvOnly(query.table, query.format ?? 'csv');
    const cycle = await this.cycle(network, year);
    const endorsed = await this.revisions.findOne({
      where: { networkCode: network, year },
      order: { revision: 'DESC' },
    });
    if (!endorsed?.endorsedAt)
      throw new AppError(
        ErrorCode.PLAN_NOT_ENDORSED,
        `The ${year} work plan is not endorsed yet: the cycle is in ${cycle.phase}`,
      );
    const plan = { network, year, revision: endorsed.revision, endorsedAt: endorsed.endorsedAt.toISOString() };
    return renderUnInfo(unInfoExport(plan, await this.measured(network, year)), query.format ?? 'csv', query.table);
  }

  private async cycle(network: string, year: number): Promise<CycleEntity> {
    const cycle = await this.cycles.findOneBy({ networkCode: network, year });
    if (!cycle) throw new AppError(ErrorCode.CYCLE_NOT_FOUND, `Network "${network}" has no ${year} cycle`);
    return cycle;
  }

  /** The endorsed plan's activities with their progress, as the read model holds them. */
  private async measured(network: string, year: number): Promise<MeasuredPlanActivity[]> {
    const rows = await this.activities.find({ where: { networkCode: network, year }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      ...r,
      twg: r.twg ?? undefined,
      genderMarker: r.genderMarker ?? undefined,
      humanRightsMarker: r.humanRightsMarker ?? undefined,
      budget: r.budget ?? undefined,
    }));
  }

  /**
   * A document in the format and language asked for: from the cache when `version` names rows already rendered
   * (their revisions), laid out otherwise; dates in `timeZone` (the year's calendar's), else the network's.
   */
  private async render(
    network: string,
    query: ReportQueryDto,
    by: Principal,
    { version, timeZone }: { readonly version?: string; readonly timeZone?: string },
    document: (reader: ReportReader) => ReportDocument,
  ): Promise<RenderedReport> {
    const format = query.format ?? 'pdf';
    const net = await this.networks.findOneByOrFail({ code: network });
    const reader: ReportReader = {
      language: query.lang ?? (await this.languageOf(by)),
      timeZone: timeZone ?? net.timeZone,
      networkName: net.country ?? net.name,
    };
    const key =
      version && [network, version, net.name, net.country, reader.language, format, query.table].join('\u0000');
    const cached = key ? this.rendered.get(key) : undefined;
    if (cached) return cached;
    let file: RenderedReport;
    try {
      file = await renderReport(document(reader), format, query.table);
    } catch (e) {
      if (e instanceof UnknownTableError)
        throw AppError.validation([{ field: 'table', message: `must be one of ${e.tables.join(', ')}` }]);
      throw e;
    }
    if (key) {
      this.rendered.set(key, file);
      if (this.rendered.size > CACHED_FILES) this.rendered.delete(this.rendered.keys().next().value!);
    }
    return file;
  }

  /** A signed-in person reads in their own language; a program's key without a person, in English. */
  private async languageOf(reader: Principal): Promise<Language> {
    if (!reader.personId) return 'en';
    return ((await this.people.findOneBy({ id: reader.personId }))?.language as Language | undefined) ?? 'en';
  }
}

/** `table` names one CSV file: with another format it is a mistake, said before anything is read (each route's first check). */
function csvOnly(table: string | undefined, format: string): void {
  if (table !== undefined && format !== 'csv')
    throw AppError.validation([{ field: 'table', message: 'names a CSV file: use it with format=csv' }]);
}
