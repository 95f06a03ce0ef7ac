import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

import { AGENCY_CODE } from '../../../libs/domain/network';
import { KEY_SCOPES, ROLES } from '../../../libs/domain/roles';

export class IssueKeyDto {
  @ApiProperty({ example: 'ILO focal point (Maria Soares)', description: 'Whose it is, or what program uses it' })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  label: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The person whose key it is: it acts as they do (their part and agency, while they are active). Without it, a service account's key for a program, with a role",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a person id (a UUID)' })
  person?: string;

  @ApiPropertyOptional({ enum: ROLES, description: "A service account's role (a person's key takes the person's)" })
  @IsOptional()
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ example: 'ILO', description: 'For an agency key: the member agency it acts for' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, { message: 'must be an agency code' })
  agency?: string;

  @ApiPropertyOptional({ enum: KEY_SCOPES, default: 'read-write' })
  @IsOptional()
  @IsIn(KEY_SCOPES, { message: `must be one of ${KEY_SCOPES.join(', ')}` })
  scope?: (typeof KEY_SCOPES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'When it stops working on its own; none: until revoked' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  expiresAt?: string;
}

export class KeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, nullable: true }) agency: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The person's; null: a service account's" })
  person: string | null;
  @ApiProperty({ enum: KEY_SCOPES }) scope: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key a rotation replaced' })
  replaces: string | null;
}

export class KeyListDto {
  @ApiProperty({ type: [KeyDto] }) items: KeyDto[];
}

export class IssuedKeyWithSecretDto extends KeyDto {
  @ApiProperty({ description: 'Shown this once: only its hash is kept' }) key: string;
}
