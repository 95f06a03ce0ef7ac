import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

import { DELIVERIES, NOTIFICATION_KINDS } from '../../../libs/notifications/kinds';

export class UpdatePreferencesDto {
  @ApiPropertyOptional({
    description:
      'What changes, per kind: `immediate`, `digest` or `muted` (muted only for news, not work; a meeting’s always at once). Kinds not named keep theirs',
    example: { 'task-reminded': 'digest', 'decision-adopted': 'muted' },
    type: 'object',
    additionalProperties: { type: 'string', enum: [...DELIVERIES] },
  })
  @IsOptional()
  @IsObject({ message: 'must be an object of kind → immediate, digest or muted' })
  kinds?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: "The digest's hour of the network's day (default 7)" })
  @IsOptional()
  @IsInt({ message: 'must be an hour, 0 to 23' })
  @Min(0, { message: 'must be an hour, 0 to 23' })
  @Max(23, { message: 'must be an hour, 0 to 23' })
  digestHour?: number;
}

export class KindPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: DELIVERIES }) delivery: string;
  @ApiProperty({ description: 'Work of theirs to act on: may go in the digest, not be muted' }) work: boolean;
  @ApiProperty({ enum: DELIVERIES, isArray: true, description: 'What the person may choose for it' })
  choices: string[];
}

export class PreferencesDto {
  @ApiProperty() person: string;
  @ApiProperty({ minimum: 0, maximum: 23 }) digestHour: number;
  @ApiProperty({ type: [KindPreferenceDto] }) kinds: KindPreferenceDto[];
}
