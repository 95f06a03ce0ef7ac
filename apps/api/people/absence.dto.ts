import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { IsInstant } from '../common/instant';
import { QueryBoolean } from '../common/query-boolean';

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
  @IsInstant()
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2030-07-15T00:00:00+09:00', description: 'Later than startsAt' })
  @IsInstant()
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
