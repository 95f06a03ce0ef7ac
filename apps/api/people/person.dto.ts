import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { AGENCY_CODE } from '../../../libs/domain/network';
import { LANGUAGES, PERSON_ROLES } from '../../../libs/domain/people';
import { QueryBoolean } from '../common/query-boolean';

const NAME_MAX = 200;
const TWG_CODE = /^[a-z][a-z0-9-]{1,63}$/;

/** The fields a person is made of; on a change every one is optional. */
class PersonFieldsDto {
  @ApiProperty({ example: 'Maria Soares', maxLength: NAME_MAX })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME_MAX, { message: `must be at most ${NAME_MAX} characters` })
  name: string;

  @ApiProperty({ example: 'msoares@ilo.org', description: 'One person per address in a network (any case)' })
  @IsString({ message: 'must be a string' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  email: string;

  @ApiProperty({
    enum: PERSON_ROLES,
    description:
      'coordinator (of the coordinating agency); focal-point, alternate, twg-lead (act for their agency); auditor; observer (reads only)',
  })
  @IsIn(PERSON_ROLES, { message: `must be one of ${PERSON_ROLES.join(', ')}` })
  role: (typeof PERSON_ROLES)[number];

  @ApiPropertyOptional({
    example: 'ILO',
    description: 'The member agency they act for: needed by every part but auditor and observer, which have none',
  })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, { message: 'must be an agency code' })
  agency?: string;

  @ApiPropertyOptional({ example: 'labour-migration', description: "A TWG lead's TWG" })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(TWG_CODE, { message: 'must be a TWG code' })
  twg?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'What they read mails and pages in' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `must be one of ${LANGUAGES.join(', ')}` })
  language?: (typeof LANGUAGES)[number];
}

export class CreatePersonDto extends PersonFieldsDto {}

export class UpdatePersonDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME_MAX, { message: `must be at most ${NAME_MAX} characters` })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ enum: PERSON_ROLES })
  @IsOptional()
  @IsIn(PERSON_ROLES, { message: `must be one of ${PERSON_ROLES.join(', ')}` })
  role?: (typeof PERSON_ROLES)[number];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: none (an auditor, an observer)' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, { message: 'must be an agency code' })
  agency?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(TWG_CODE, { message: 'must be a TWG code' })
  twg?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `must be one of ${LANGUAGES.join(', ')}` })
  language?: (typeof LANGUAGES)[number];

  @ApiPropertyOptional({ description: 'false: their keys and sessions stop at once; the audit trail keeps their name' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: PERSON_ROLES }) role: string;
  @ApiProperty({ type: String, nullable: true }) agency: string | null;
  @ApiProperty({ type: String, nullable: true }) twg: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PersonListDto {
  @ApiProperty({ type: [PersonDto] }) items: PersonDto[];
}

export class PeopleQueryDto {
  @ApiPropertyOptional({ example: 'ILO' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, { message: 'must be an agency code' })
  agency?: string;

  @ApiPropertyOptional({ enum: PERSON_ROLES })
  @IsOptional()
  @IsIn(PERSON_ROLES, { message: `must be one of ${PERSON_ROLES.join(', ')}` })
  role?: (typeof PERSON_ROLES)[number];

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  active?: boolean;
}

export class SignInLinkDto {
  @ApiProperty({ example: 'http://localhost:3000/session/link?token=ml_…', description: 'Works once' })
  link: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
