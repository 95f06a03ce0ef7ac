import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { AGENCY_CODE, NETWORK_CODE } from '../../../libs/domain/network';

const NAME = { maxLength: 200 } as const;

export class NetworkMemberDto {
  @ApiProperty({ example: 'ILO', pattern: AGENCY_CODE.source }) code: string;
  @ApiProperty({ example: 'International Labour Organization', maxLength: NAME.maxLength }) name: string;
}

export class CreateNetworkDto {
  @ApiProperty({
    example: 'fj',
    pattern: NETWORK_CODE.source,
    description: 'Part of every workflow id and URL of the network: never changes',
  })
  @IsString({ message: 'must be a string' })
  @Matches(NETWORK_CODE, {
    message: 'must be a network code: a lower-case letter, then 1 to 31 lower-case letters, digits or -',
  })
  code: string;

  @ApiProperty({ example: 'UN Migration Network in Fiji', maxLength: NAME.maxLength })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME.maxLength, { message: `must be at most ${NAME.maxLength} characters` })
  name: string;

  @ApiProperty({ example: 'Fiji', maxLength: NAME.maxLength })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME.maxLength, { message: `must be at most ${NAME.maxLength} characters` })
  country: string;

  @ApiProperty({ example: 'Pacific/Fiji', description: 'An IANA time zone: the network’s dates and deadlines' })
  @IsString({ message: 'must be a string' })
  timeZone: string;

  @ApiProperty({ example: 'IOM', description: 'The member agency that coordinates (IOM, per the ToR)' })
  @IsString({ message: 'must be a string' })
  coordinatorAgency: string;

  @ApiProperty({ type: [NetworkMemberDto], description: 'The member agencies, the coordinating one among them' })
  @IsArray({ message: 'must be an array of { code, name }' })
  members: NetworkMemberDto[];
}

export class UpdateNetworkDto {
  @ApiPropertyOptional({ maxLength: NAME.maxLength })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME.maxLength, { message: `must be at most ${NAME.maxLength} characters` })
  name?: string;

  @ApiPropertyOptional({ maxLength: NAME.maxLength })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(NAME.maxLength, { message: `must be at most ${NAME.maxLength} characters` })
  country?: string;
}

export class NetworkDto {
  @ApiProperty({ example: 'tl' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ example: 'Asia/Dili' }) timeZone: string;
  @ApiProperty({ example: 'IOM' }) coordinatorAgency: string;
  @ApiProperty({ description: 'Member agencies that have not left' }) members: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NetworkListDto {
  @ApiProperty({ type: [NetworkDto] }) items: NetworkDto[];
}

export class IssuedKeyDto {
  @ApiProperty({ example: 'seed:agency:ILO' }) label: string;
  @ApiProperty({ enum: ['coordinator', 'agency', 'auditor'] }) role: string;
  @ApiProperty({ type: String, nullable: true, example: 'ILO' }) agency: string | null;
  @ApiProperty({ description: 'Shown once: only its hash is kept' }) key: string;
}

export class CreatedNetworkDto extends NetworkDto {
  @ApiProperty({ type: [IssuedKeyDto], description: 'A key for the coordinator, the auditor and each member agency' })
  keys: IssuedKeyDto[];
}
