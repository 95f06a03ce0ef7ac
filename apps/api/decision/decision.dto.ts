import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';

import { DECISION_KINDS } from '../../../libs/processes/decision/decision';
import { IsNetworkYear } from '../common/network-year';
import type { DecisionKind } from '../../../libs/processes/decision/decision';

export class CirculateDecisionDto {
  @ApiProperty({ enum: DECISION_KINDS })
  @IsIn(DECISION_KINDS, { message: `must be one of ${DECISION_KINDS.join(', ')}` })
  kind: DecisionKind;

  @ApiProperty({ example: 'Establish a TWG on diaspora and remittances' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  title: string;

  @ApiProperty({ example: 'Proposed at the Q2 meeting; see the attached concept note.' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(10_000, { message: 'must be at most 10000 characters' })
  text: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'establish-twg: {code, name, thematicArea, leadAgency, memberAgencies}; abolish-twg: {twg}; general: anything (adopt-minutes decisions are circulated by meetings)',
  })
  @IsObject({ message: 'must be an object' })
  payload: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', description: 'Objections are possible until then; silence is no objection' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  deadline: string;

  @ApiPropertyOptional({
    example: 2027,
    minimum: MIN_YEAR,
    maximum: MAX_YEAR,
    description:
      "The Network year it belongs to, by which auditors list and export it: by default the year of the network's running cycle (the earliest not closed), else the current year",
  })
  @IsOptional()
  @IsNetworkYear()
  year?: number;
}

export class ReviseDecisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  title?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  text?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  payload?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  deadline: string;
}

export class WithdrawDecisionDto {
  @ApiProperty({ example: 'Superseded by the new UNSDCF results group' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must say why' })
  reason: string;
}

export class DecisionDto {
  @ApiProperty({ example: '20270315-1a2b' }) id: string;
  @ApiProperty({ example: 'decision:tl:20270315-1a2b' }) workflowId: string;
  @ApiProperty({ enum: DECISION_KINDS }) kind: DecisionKind;
  @ApiProperty({ enum: ['NOT_CIRCULATED', 'CIRCULATING', 'OBJECTED', 'ADOPTED', 'WITHDRAWN'] }) status: string;
  @ApiProperty() round: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) proposal: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) objections: unknown[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) circulatedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) adoptedAt: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) withdrawn: unknown;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) effectAppliedAt: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'applied',
    description: "'applied', or why there was nothing to apply",
  })
  effectOutcome: string | null;
}

export class DecisionListDto {
  @ApiProperty({ type: [DecisionDto] }) items: DecisionDto[];
}
