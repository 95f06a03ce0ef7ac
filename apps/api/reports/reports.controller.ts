import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  type ApiResponseOptions,
  ApiTags,
} from '@nestjs/swagger';

import { ParseYearPipe } from '../annual-cycle/parse-year.pipe';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { RenderedReport } from '../../../libs/reports/render-report';
import { UN_INFO_ACTIVITY_COLUMNS, UN_INFO_INDICATOR_COLUMNS } from '../../../libs/reports/un-info-export';
import { ReportQueryDto, UnInfoQueryDto } from './report.dto';
import { ReportsService } from './reports.service';

/** A report's answer: the file in the format asked for. */
const REPORT_FILE = {
  description: 'The report in the format asked for',
  content: files('application/pdf', 'text/markdown', 'text/csv', 'application/zip', 'application/json'),
};

@ApiTags('reports')
@ApiBearerAuth()
@Controller('networks/:network/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('annual/:year')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary:
      "The year's annual report as a file (ToR objective 9): PDF, Markdown or CSV, in English, Tetum or Portuguese, every format from the same numbers. 409 until the year ends and the report is drafted",
  })
  @ApiOkResponse(REPORT_FILE)
  @ApiResponse(notYet('The year has not ended: no report is drafted yet'))
  async annual(
    @Param('network') network: string,
    @Param('year', ParseYearPipe) year: number,
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() reader: Principal,
  ): Promise<StreamableFile> {
    const file = await this.reports.annual(network, year, query, reader);
    return asFile(file);
  }

  @Get('twg/:twg/:year/:period')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary:
      "A TWG's report of one bi-monthly period (1–6) as a file: the lead's summary, each member's update or its absence, the impediments and what each is for; as the round stands while it is open",
  })
  @ApiOkResponse(REPORT_FILE)
  async twg(
    @Param('network') network: string,
    @Param('twg') twg: string,
    @Param('year', ParseYearPipe) year: number,
    @Param('period') period: string,
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() reader: Principal,
  ): Promise<StreamableFile> {
    return asFile(await this.reports.twg(network, twg, year, wholeNumber(period), query, reader));
  }

  @Get('quarterly/:year/:quarter')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary:
      "The quarterly Network update (1–4) as a file: each activity's status, note and indicator values in the quarter, the meetings held, the TWG rounds that ended, the impediments still open; as the quarter stands while it runs. 409 before it begins",
  })
  @ApiOkResponse(REPORT_FILE)
  @ApiResponse(notYet('The quarter has not begun'))
  async quarterly(
    @Param('network') network: string,
    @Param('year', ParseYearPipe) year: number,
    @Param('quarter') quarter: string,
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() reader: Principal,
  ): Promise<StreamableFile> {
    return asFile(await this.reports.quarterly(network, year, wholeNumber(quarter), query, reader));
  }

  @Get('un-info/:year')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary:
      "The year's endorsed work plan shaped for UN INFO: activities with lead and partner agencies, GCM and Network objectives, TWG, SDG targets, gender-equality and human-rights markers, geography, budget (planned, available, spent, USD), and indicators with baseline, target and quarterly actuals. CSV columns: activities.csv — " +
      UN_INFO_ACTIVITY_COLUMNS.map(([c]) => c).join(', ') +
      '; indicators.csv — ' +
      UN_INFO_INDICATOR_COLUMNS.map(([c]) => c).join(', ') +
      '. 409 until the plan is endorsed',
  })
  @ApiOkResponse({
    description: 'The export in the format asked for',
    content: files('text/csv', 'application/zip', 'application/json'),
  })
  @ApiResponse(notYet('No work plan is endorsed yet'))
  async unInfo(
    @Param('network') network: string,
    @Param('year', ParseYearPipe) year: number,
    @Query() query: UnInfoQueryDto,
  ): Promise<StreamableFile> {
    return asFile(await this.reports.unInfo(network, year, query));
  }
}

/** A path's small number (`3`), or NaN for anything else: the service names the field it is. */
const wholeNumber = (v: string) => (/^\d{1,2}$/.test(v) ? Number(v) : NaN);

/** What each media type of a file answer is: JSON an object, text a string, the rest bytes. */
function files(...types: string[]): Record<string, { schema: object }> {
  return Object.fromEntries(
    types.map((t) => [
      t,
      {
        schema:
          t === 'application/json'
            ? { type: 'object' }
            : t.startsWith('text/')
              ? { type: 'string' }
              : { type: 'string', format: 'binary' },
      },
    ]),
  );
}

/** The 409 of a report asked for too early (a read's errors do not include 409 otherwise). */
function notYet(description: string): ApiResponseOptions {
  return {
    status: 409,
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  };
}

/** A rendered file as the answer, with its own headers: a refusal before this is the API's JSON error like any other. */
function asFile(file: RenderedReport): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });
}
