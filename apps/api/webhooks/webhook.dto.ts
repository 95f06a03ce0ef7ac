import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { NOTIFICATION_KINDS } from '../../../libs/notifications/kinds';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://example.webhook.office.com/webhookb2/…',
    description: 'http or https; public hosts only unless WEBHOOK_ALLOW_HOSTS names it',
  })
  @IsString({ message: 'must be a URL' })
  @MaxLength(2_000, { message: 'must be at most 2000 characters' })
  url: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: 'The kinds it is told; all when absent',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of kinds' })
  @ArrayMaxSize(NOTIFICATION_KINDS.length, { message: `must be at most ${NOTIFICATION_KINDS.length} kinds` })
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `must each be one of ${NOTIFICATION_KINDS.join(', ')}` })
  kinds?: string[];

  @ApiPropertyOptional({ example: 'The Network’s Teams channel' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  description?: string;
}

export class WebhookDto {
  @ApiProperty() id: string;
  @ApiProperty({
    description: 'Its origin only (`https://hooks.example.org/…`): a chat webhook’s URL is its credential',
  })
  url: string;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every kind' }) kinds: string[] | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'Shown once: what the receiver checks X-Mignet-Signature with (HMAC-SHA256)' })
  secret: string;
}
