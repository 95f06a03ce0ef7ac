import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import { OUTBOX_STATUSES } from '../../../libs/persistence/entities/outbox.entity';
import { MAX_PAGE } from '../common/input-limits';
import { UUID } from '../common/uuid';

export class NotificationQueryDto {
  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    description: '`failed` and `bounced`: the dead letters; `held`: waiting for the digest',
  })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `must be one of ${OUTBOX_STATUSES.join(', ')}` })
  status?: (typeof OUTBOX_STATUSES)[number];

  @ApiPropertyOptional({ example: 'task-reminded' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  kind?: string;

  @ApiPropertyOptional({ enum: ['email', 'webhook'] })
  @IsOptional()
  @IsIn(['email', 'webhook'], { message: 'must be email or webhook' })
  channel?: 'email' | 'webhook';

  @ApiPropertyOptional({ description: "Only this webhook's deliveries" })
  @IsOptional()
  @Matches(UUID, { message: 'must be a webhook id (a UUID)' })
  webhook?: string;

  @ApiPropertyOptional({ description: 'Only the notices of this task' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(400, { message: 'must be at most 400 characters' })
  task?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_PAGE, { message: `must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(500, { message: 'must be at most 500' })
  pageSize?: number;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'task-opened' }) kind: string;
  @ApiProperty({ example: 'assigned:ILO:2030-02-01T00:00:00.000Z' }) event: string;
  @ApiProperty({ type: String, nullable: true }) taskId: string | null;
  @ApiProperty({ type: String, nullable: true }) personId: string | null;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel: string;
  @ApiProperty({ type: String, nullable: true }) webhookId: string | null;
  @ApiProperty({ example: 'msoares@ilo.org' }) recipient: string;
  @ApiProperty({ enum: ['en', 'tet', 'pt'] }) language: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'When the dispatcher tries it (again); for a `held` one, the digest it waits for',
  })
  nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The digest a `digested` one went out in' })
  digestId: string | null;
}

export class NotificationAttemptDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['sent', 'bounced', 'failed', 'retry'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true, description: "The server's answer, or the error" }) detail:
    string | null;
}

export class NotificationDetailDto extends NotificationDto {
  @ApiProperty() bodyText: string;
  @ApiProperty({ type: [NotificationAttemptDto] }) deliveries: NotificationAttemptDto[];
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
