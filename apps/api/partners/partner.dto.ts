import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

import { MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';
import {
  ENGAGEMENT_KINDS,
  GCM_PROCESS_LEVELS,
  PARTNER_CATEGORIES,
  type EngagementKind,
  type GcmProcessLevel,
  type PartnerCategory,
} from '../../../libs/domain/partners';
import { ACTIVITY_ID } from '../../../libs/processes/annual-cycle/work-plan';

const SAYS_SOMETHING = /\S/;

export class CreatePartnerDto {
  @ApiProperty({ example: 'Labour Migration Working Group of the Secretariat of State for Vocational Training' })
  @IsString({ message: 'must be a name' })
  @Matches(SAYS_SOMETHING, { message: 'must be a name' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @ApiProperty({ enum: PARTNER_CATEGORIES, description: "One of the ToR's categories of partners (objective 8)" })
  @IsIn(PARTNER_CATEGORIES, { message: `must be one of ${PARTNER_CATEGORIES.join(', ')}` })
  category: PartnerCategory;

  @ApiPropertyOptional({ example: 'focal point: Ms. Ana Soares' })
  @IsOptional()
  @IsString({ message: 'must be a text' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  contact?: string;
}

export class PartnerDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_CATEGORIES }) category: PartnerCategory;
  @ApiProperty({ type: String, nullable: true }) contact: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PartnerListDto {
  @ApiProperty({ type: [PartnerDto] }) items: PartnerDto[];
}

export class CreateEngagementDto {
  @ApiProperty({ example: '2030-05-14', description: 'The day it took place, in the network’s calendar' })
  @IsString({ message: 'must be a day such as 2030-05-14' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a day such as 2030-05-14' })
  on: string;

  @ApiProperty({ enum: ENGAGEMENT_KINDS })
  @IsIn(ENGAGEMENT_KINDS, { message: `must be one of ${ENGAGEMENT_KINDS.join(', ')}` })
  kind: EngagementKind;

  @ApiProperty({ example: 'Consultation with diaspora organisations on remittance costs' })
  @IsString({ message: 'must say what it was' })
  @Matches(SAYS_SOMETHING, { message: 'must say what it was' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  title: string;

  @ApiPropertyOptional({ example: 'Twelve organisations; their proposals go to the Q3 agenda' })
  @IsOptional()
  @IsString({ message: 'must be a text' })
  @MaxLength(4_000, { message: 'must be at most 4000 characters' })
  note?: string;

  @ApiProperty({ type: [String], description: 'The partners engaged (ids from GET …/partners), at least one' })
  @IsArray({ message: 'must be a list of partner ids' })
  @ArrayMinSize(1, { message: 'must name at least one partner' })
  @ArrayMaxSize(100, { message: 'must name at most 100 partners' })
  @IsUUID('all', { each: true, message: 'must each be a partner id' })
  partners: string[];

  @ApiPropertyOptional({ type: [String], example: ['A3'], description: "The year's work-plan activities it served" })
  @IsOptional()
  @IsArray({ message: 'must be a list of activity ids' })
  @ArrayMaxSize(50, { message: 'must name at most 50 activities' })
  @Matches(ACTIVITY_ID, { each: true, message: 'must each be an activity id such as A1' })
  activities?: string[];

  @ApiPropertyOptional({ type: [Number], example: [19, 20] })
  @IsOptional()
  @IsArray({ message: 'must be a list of GCM objectives' })
  @ArrayMaxSize(23, { message: 'must name at most 23 objectives' })
  @IsInt({ each: true, message: 'must each be a GCM objective from 1 to 23' })
  @Min(1, { each: true, message: 'must each be a GCM objective from 1 to 23' })
  @Max(23, { each: true, message: 'must each be a GCM objective from 1 to 23' })
  gcmObjectives?: number[];

  @ApiPropertyOptional({ enum: GCM_PROCESS_LEVELS, isArray: true, description: 'The GCM processes it fed' })
  @IsOptional()
  @IsArray({ message: `must be a list of ${GCM_PROCESS_LEVELS.join(', ')}` })
  @IsIn(GCM_PROCESS_LEVELS, { each: true, message: `must each be one of ${GCM_PROCESS_LEVELS.join(', ')}` })
  feeds?: GcmProcessLevel[];
}

export class EngagementDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2030-05-14' }) on: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ENGAGEMENT_KINDS }) kind: EngagementKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' } },
    },
  })
  partners: { id: string; name: string; category: PartnerCategory }[];
  @ApiProperty({ type: [String] }) activities: string[];
  @ApiProperty({ type: [Number] }) gcmObjectives: number[];
  @ApiProperty({ enum: GCM_PROCESS_LEVELS, isArray: true }) feeds: GcmProcessLevel[];
  @ApiProperty() recordedBy: string;
  @ApiProperty({ description: 'The agency that recorded it' }) agency: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class EngagementListDto {
  @ApiProperty({ type: [EngagementDto] }) items: EngagementDto[];
}

export class EngagementQueryDto {
  @ApiPropertyOptional({ example: 2030 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` })
  @Min(MIN_YEAR, { message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` })
  @Max(MAX_YEAR, { message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` })
  year?: number;

  @ApiPropertyOptional({ enum: PARTNER_CATEGORIES, description: 'Only engagements with a partner of this category' })
  @IsOptional()
  @IsIn(PARTNER_CATEGORIES, { message: `must be one of ${PARTNER_CATEGORIES.join(', ')}` })
  category?: PartnerCategory;

  @ApiPropertyOptional({ description: 'Only engagements with this partner' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a partner id' })
  partner?: string;
}
