import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

import { QueryBoolean } from '../common/query-boolean';

const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
const OFFSET_MESSAGE = 'must carry an offset (Z or ±hh:mm): a bare local time means another instant elsewhere';

export class CreateAbsenceDto {
  @ApiProperty({ description: 'The person away (an agency person sets their own; the coordinator anyone’s)' })
  @IsUUID('all', { message: 'must be a person id (a UUID)' })
  person: string;

  @ApiProperty({
    description:
      'Who stands in: an active person of the same agency, or of another agency when the coordinator sets the absence',
  })
  @IsUUID('all', { message: 'must be a person id (a UUID)' })
  substitute: string;

  @ApiProperty({ format: 'date-time', example: '2030-07-01T00:00:00+09:00' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  @Matches(WITH_OFFSET, { message: OFFSET_MESSAGE })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2030-07-15T00:00:00+09:00', description: 'Later than startsAt' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  @Matches(WITH_OFFSET, { message: OFFSET_MESSAGE })
  endsAt: string;

  @ApiPropertyOptional({ example: 'Annual leave', maxLength: 500 })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  note?: string;
}

export class AbsenceQueryDto {
  @ApiPropertyOptional({ description: 'Only this person’s absences' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a person id (a UUID)' })
  person?: string;

  @ApiPropertyOptional({ description: 'Only absences running now (true), or not (false)' })
  @IsOptional()
  @QueryBoolean()
  current?: boolean;
}

export class AbsenceDto {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty({ example: 'Maria Soares' }) person: string;
  @ApiProperty({ example: 'ILO' }) agency: string;
  @ApiProperty() substituteId: string;
  @ApiProperty({ example: 'Ana da Costa' }) substitute: string;
  @ApiProperty({ example: 'ILO' }) substituteAgency: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it ends, or ended (back early)' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'Who set it, as the audit log names callers' }) setBy: string;
  @ApiProperty({ description: 'Running now: the substitute acts on the agency’s tasks' }) current: boolean;
}

export class AbsenceListDto {
  @ApiProperty({ type: [AbsenceDto] }) items: AbsenceDto[];
}
