import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { ParseYearPipe } from '../annual-cycle/parse-year.pipe';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ReportQueryDto } from './report.dto';
import { ReportsService } from './reports.service';

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
  @ApiProduces('application/pdf', 'text/markdown', 'text/csv', 'application/zip', 'application/json')
  @ApiOkResponse({ description: 'The report in the format asked for', schema: { type: 'string', format: 'binary' } })
  async annual(
    @Param('network') network: string,
    @Param('year', ParseYearPipe) year: number,
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() reader: Principal,
  ): Promise<StreamableFile> {
    const file = await this.reports.annual(network, year, query, reader);
    // The file's own headers: a refusal before this is the API's JSON error like any other.
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
