import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { LANGUAGES, type Language } from '../../../libs/domain/people';
import { ANNUAL_REPORT_TABLES } from '../../../libs/reports/render-report';
import { REPORT_FORMATS, type ReportFormat } from '../../../libs/reports/report-document';
import { UN_INFO_FORMATS, UN_INFO_TABLES } from '../../../libs/reports/un-info-export';

export class ReportQueryDto {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'pdf',
    description:
      'pdf (title page, figures, the GCM coverage chart, every table), md (Markdown), csv (every table as its own file in a zip, or one with `table`), json (the document every format renders: the same numbers)',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "The reader's language; the signed-in person's own by default" })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `must be one of ${LANGUAGES.join(', ')}` })
  lang?: Language;

  @ApiPropertyOptional({
    example: 'activities',
    description:
      "With format=csv: just this table, as text/csv. The annual report's: " +
      `${ANNUAL_REPORT_TABLES.join(', ')}; a TWG report's: updates, report-impediments; a quarterly update's: ` +
      'quarter-activities, quarter-indicators, meetings, twg-rounds, open-impediments',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'must be the name of one of the report’s tables, such as activities' })
  table?: string;
}

export class UnInfoQueryDto {
  @ApiPropertyOptional({
    enum: UN_INFO_FORMATS,
    default: 'csv',
    description: 'csv: activities.csv and indicators.csv zipped (or one with `table`); json: every field, nested',
  })
  @IsOptional()
  @IsIn(UN_INFO_FORMATS, { message: `must be one of ${UN_INFO_FORMATS.join(', ')}` })
  format?: (typeof UN_INFO_FORMATS)[number];

  @ApiPropertyOptional({ enum: UN_INFO_TABLES, description: 'With format=csv: just this table, as text/csv' })
  @IsOptional()
  @IsIn(UN_INFO_TABLES, { message: `must be one of ${UN_INFO_TABLES.join(', ')}` })
  table?: string;
}
