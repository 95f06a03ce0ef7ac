import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

import { MEETING_STATUSES } from '../../../libs/processes/meeting/meeting';
import type { MeetingStatus } from '../../../libs/processes/meeting/meeting';
import { TASK_STATUSES } from '../../../libs/domain/tasks';
import type { TaskStatus } from '../../../libs/domain/tasks';
import { IsNetworkYear } from '../common/network-year';
import { QueryBoolean } from '../common/query-boolean';

export class ConveneMeetingDto {
  @ApiProperty({ example: 'Ad-hoc meeting on the labour mobility MoU' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  title: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  scheduledAt: string;

  @ApiPropertyOptional({
    example: 2027,
    description: "The cycle year the meeting belongs to; default the meeting date's year",
  })
  @IsOptional()
  @IsNetworkYear()
  year?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the agenda call opens; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  agendaCallAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When proposals close and the agenda is published; default halfway to the meeting',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  agendaDueAt?: string;
}

export class RescheduleMeetingDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  scheduledAt: string;

  @ApiProperty({ example: 'Clashes with the UNCT retreat' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  reason: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Overtaken by events' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  reason: string;
}

export class MeetingQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsNetworkYear()
  year?: number;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES, { message: `must be one of ${MEETING_STATUSES.join(', ')}` })
  status?: MeetingStatus;
}

export class ActionItemQueryDto {
  @ApiPropertyOptional({ example: 'ilo' }) @IsOptional() @IsString({ message: 'must be a string' }) owner?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `must be one of ${TASK_STATUSES.join(', ')}` })
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'Only open items past their due date (true), or only the others (false)' })
  @IsOptional()
  @QueryBoolean()
  overdue?: boolean;
}
