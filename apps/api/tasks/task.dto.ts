import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import { AGENCY_CODE } from '../../../libs/domain/network';
import { MAX_PAGE } from '../common/input-limits';
import { TASK_KINDS, TASK_STATUSES } from '../../../libs/domain/tasks';
import type { TaskKind, TaskStatus } from '../../../libs/domain/tasks';
import { IsInstant } from '../common/instant';
import { QueryBoolean } from '../common/query-boolean';

export class TaskQueryDto {
  @ApiPropertyOptional({ example: 'ILO', description: 'Agency code; an agency key sees only its own tasks' })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'must be an agency code such as ILO' })
  assignee?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `must be one of ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS, { message: `must be one of ${TASK_KINDS.join(', ')}` })
  kind?: TaskKind;

  @ApiPropertyOptional({ example: 'annual-cycle:tl:2027', description: 'The owning workflow id' })
  @IsOptional()
  @IsString({ message: 'must be a workflow id' })
  process?: string;

  @ApiPropertyOptional({
    description: 'true: only tasks escalated to the coordinator (still open past due + escalation offset)',
  })
  @IsOptional()
  @QueryBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(MAX_PAGE, { message: `must be ${MAX_PAGE} or less` })
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(200, { message: 'must be 200 or less' })
  pageSize?: number;
}

export class TaskDto {
  @ApiProperty({ example: 'annual-cycle:tl:2027:endorse-plan:r1:ILO' }) id: string;
  @ApiProperty({ enum: TASK_KINDS }) kind: TaskKind;
  @ApiProperty({ example: 'annual-cycle:tl:2027' }) process: string;
  @ApiProperty({ example: 'ILO' }) assignee: string;
  @ApiProperty({ enum: ['agency', 'coordinator'] }) assigneeRole: 'agency' | 'coordinator';
  @ApiPropertyOptional({ type: String, example: 'r1:ILO', nullable: true }) subject: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) remindAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) escalateAt: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When silence becomes the answer',
  })
  expiresAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'ILO',
    description: 'The agency (or role) it was done for',
  })
  completedBy: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Maria Soares',
    description: 'The person who did it, on behalf of completedBy; null when a program (a service key) did',
  })
  completedByPerson: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Maria Soares',
    description: 'The absent person completedByPerson stood in for (their substitute); null otherwise',
  })
  completedOnBehalfOf: string | null;
  @ApiProperty() submissions: number;
  @ApiPropertyOptional({
    description: "The completing agency's payload",
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  result: unknown;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) remindedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'consent by silence' }) closedReason: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'Only when one task is read: what the person needs to answer it, by kind (the contributions to consolidate, the draft to endorse and its changes, the activity to report on, the proposal, the agenda, the open impediments). README, "Tasks that explain themselves".',
  })
  context?: Record<string, unknown> | null;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ExtendTaskDto {
  @ApiProperty({ format: 'date-time', description: "With an offset; later than the task's due time, and than now" })
  @IsInstant()
  dueAt: string;

  @ApiProperty({ example: 'The focal point is on mission until the 20th' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  @MaxLength(1_000, { message: 'must be at most 1000 characters' })
  reason: string;
}

export class ReassignTaskDto {
  @ApiProperty({ example: 'UNDP', description: 'The member agency that takes the task over' })
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, { message: 'must be an agency code' })
  agency: string;

  @ApiProperty({ example: 'ILO hands the activity over to UNDP from this quarter' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  @MaxLength(1_000, { message: 'must be at most 1000 characters' })
  reason: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "A later due time for the new assignee, with an offset (its timers move as an extension's do)",
  })
  @IsOptional()
  @IsInstant()
  dueAt?: string;
}
