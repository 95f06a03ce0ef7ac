import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';
import type { CalendarInput, CalendarOffsets, CycleDeadlines } from '../../../libs/domain/calendar';
import { IsInstant } from '../common/instant';
import { IsNetworkYear } from '../common/network-year';
import { PHASE_DEADLINE_NAMES } from '../../../libs/processes/annual-cycle/deadline-extension';
import type { CyclePhase } from '../../../libs/processes/annual-cycle/annual-cycle';

const PERIOD_SCHEMA = {
  type: 'object',
  properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } },
  required: ['start', 'end'],
};

const DEADLINES_SCHEMA = {
  type: 'object' as const,
  description: 'The cycle’s deadlines, in order: planning < consolidation < endorsement < end of year < review',
  properties: {
    planningDue: { type: 'string' as const, format: 'date-time' },
    consolidationDue: { type: 'string' as const, format: 'date-time' },
    endorsementDue: { type: 'string' as const, format: 'date-time' },
    reviewDue: { type: 'string' as const, format: 'date-time' },
  },
  additionalProperties: false,
};

const OFFSETS_SCHEMA = {
  type: 'object' as const,
  description: 'What every task and round derives its timers from, in milliseconds',
  properties: {
    reminderBeforeMs: { type: 'integer' as const, minimum: 0 },
    escalationAfterMs: { type: 'integer' as const, minimum: 0 },
    revisionMs: { type: 'integer' as const, minimum: 1 },
    endorsementRoundMs: { type: 'integer' as const, minimum: 1 },
  },
  additionalProperties: false,
};

export class StartCycleDto {
  @ApiProperty({ example: 2027, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @IsNetworkYear()
  year: number;

  @ApiPropertyOptional({
    description:
      'The cycle calendar. Omit it for the calendar year in Asia/Dili. Any field left out is derived: ' +
      'with start/end given, quarters and periods split that span evenly (a compressed calendar).',
    type: 'object',
    properties: {
      timeZone: { type: 'string', example: 'Asia/Dili' },
      start: { type: 'string', format: 'date-time' },
      end: { type: 'string', format: 'date-time' },
      quarters: { type: 'array', items: PERIOD_SCHEMA, minItems: 4, maxItems: 4 },
      periods: { type: 'array', items: PERIOD_SCHEMA, minItems: 6, maxItems: 6 },
      meetings: {
        type: 'array',
        items: { type: 'string', format: 'date-time' },
        minItems: 4,
        maxItems: 4,
        description: 'The quarterly meetings, one inside each quarter',
      },
      deadlines: DEADLINES_SCHEMA,
      offsets: OFFSETS_SCHEMA,
    },
    additionalProperties: false,
  })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  calendar?: CalendarInput;

  @ApiPropertyOptional({
    default: true,
    description: "Whether the cycle starts the year's quarterly meetings and each period's TWG reporting rounds",
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  meetingsAndRounds?: boolean;
}

export class PeriodDto {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
}

export class CalendarDto extends PeriodDto {
  @ApiProperty() year: number;
  @ApiProperty({ example: 'Asia/Dili' }) timeZone: string;
  @ApiProperty({ type: [PeriodDto] }) quarters: readonly PeriodDto[];
  @ApiProperty({ type: [PeriodDto] }) periods: readonly PeriodDto[];
  @ApiProperty(DEADLINES_SCHEMA as ApiPropertyOptions) deadlines: CycleDeadlines;
  @ApiProperty(OFFSETS_SCHEMA as ApiPropertyOptions) offsets: CalendarOffsets;
  @ApiProperty({
    type: [String],
    format: 'date-time',
    description: 'The quarterly Network meetings: the dates given, or three quarters into each quarter',
  })
  meetings: readonly string[];
}

export class CycleDto {
  @ApiProperty({ example: 'tl' }) network: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ example: 'annual-cycle:tl:2027' }) workflowId: string;
  @ApiProperty({ enum: ['PLANNING', 'CONSOLIDATION', 'ENDORSEMENT', 'IMPLEMENTATION', 'ANNUAL_REVIEW', 'CLOSED'] })
  phase: CyclePhase | 'NOT_STARTED';
  @ApiProperty({ type: CalendarDto }) calendar: CalendarDto;
  @ApiProperty({ example: 'IOM', description: 'The agency that started the cycle' }) startedBy: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) phaseEnteredAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The latest work-plan revision' }) planRevision:
    number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'The annual report: drafted when the year ends (progress, GCM coverage, revisions, late and missed tasks), then finalised',
  })
  report: unknown;
}

export class PlanDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Every revision, with its objections',
  })
  revisions: unknown[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The endorsed plan’s activities with progress',
  })
  activities: unknown[];
}

export class StartedCycleDto {
  @ApiProperty({ example: 'tl' }) network: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ example: 'annual-cycle:tl:2027' }) workflowId: string;
  @ApiProperty() runId: string;
  @ApiProperty({ type: CalendarDto }) calendar: CalendarDto;
  @ApiProperty({ example: 'IOM' }) startedBy: string;
}

export class CycleListDto {
  @ApiProperty({ type: [CycleDto] }) items: CycleDto[];
}

export class ExtendDeadlineDto {
  @ApiProperty({
    format: 'date-time',
    example: '2030-03-15T00:00:00+09:00',
    description:
      'With an offset; later than the deadline and than now, and before the next one (planning < consolidation < endorsement < end of year)',
  })
  @IsInstant()
  until: string;

  @ApiProperty({ example: 'Two members are still consulting their capitals' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  @MaxLength(1_000, { message: 'must be at most 1000 characters' })
  reason: string;
}

export class ExtendedDeadlineDto {
  @ApiProperty({ enum: PHASE_DEADLINE_NAMES }) deadline: string;
  @ApiProperty({ format: 'date-time', description: 'The deadline now' }) until: string;
  @ApiProperty({ format: 'date-time', description: 'What it was' }) previous: string;
  @ApiProperty({ type: [String], description: 'The open tasks due by it, extended to it (their timers moved)' })
  tasksExtended: readonly string[];
}
