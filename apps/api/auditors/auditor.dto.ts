import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

import { AUDIT_OUTCOMES, AuditOutcomeName } from '../../../libs/persistence/audit-chain';
import { PROJECTED_PROCESSES, type ProjectedProcess } from '../../../libs/processes/registry';
import { IsNetworkYear } from '../common/network-year';
import { MAX_PAGE } from '../common/input-limits';

/** The processes an auditor lists by: those that keep a read model (libs/processes/registry.ts). */
const PROCESSES = PROJECTED_PROCESSES;
/** Temporal's execution statuses, as its visibility queries name them. */
export const EXECUTION_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;

/** A status as visibility names it (`Completed`), from any casing of it or of the answers' form (`COMPLETED`). */
function executionStatus(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const key = value.replace(/_/g, '').toLowerCase();
  return EXECUTION_STATUSES.find((s) => s.toLowerCase() === key) ?? value;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ enum: PROCESSES })
  @IsOptional()
  @IsIn(PROCESSES, { message: `must be one of ${PROCESSES.join(', ')}` })
  process?: ProjectedProcess;

  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsNetworkYear()
  year?: number;

  @ApiPropertyOptional({
    enum: EXECUTION_STATUSES,
    description: 'In any case, as the answers write it too: `COMPLETED`, `completed`, `Completed`; `CONTINUED_AS_NEW`',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => executionStatus(value))
  @IsIn(EXECUTION_STATUSES, { message: `must be one of ${EXECUTION_STATUSES.join(', ')} (in any case)` })
  status?: (typeof EXECUTION_STATUSES)[number];

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(MAX_PAGE, { message: `must be ${MAX_PAGE} or less` })
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(500, { message: 'must be 500 or less' })
  pageSize?: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ example: 2027 })
  @Type(() => Number)
  @IsNetworkYear()
  year: number;
}

export class StateQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'The state after the last event at or before this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ description: 'The state after the events recorded up to this history event id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  event?: number;
}

export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'An agency code, or a role for keys without one (auditor)', example: 'ILO' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  actor?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  since?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES, { message: `must be one of ${AUDIT_OUTCOMES.join(', ')}` })
  outcome?: AuditOutcomeName;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(MAX_PAGE, { message: `must be ${MAX_PAGE} or less` })
  page?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(1000, { message: 'must be 1000 or less' })
  pageSize?: number;
}
