import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

import { AGENCY_CODE } from '../../../libs/domain/network';

export class JoinMemberDto {
  @ApiProperty({ example: 'WFP', pattern: AGENCY_CODE.source })
  @IsString({ message: 'must be a string' })
  @Matches(AGENCY_CODE, {
    message: 'must be an agency code: an upper-case letter, then 1 to 31 upper-case letters, digits or -',
  })
  agency: string;

  @ApiProperty({ example: 'World Food Programme', maxLength: 200 })
  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;
}
