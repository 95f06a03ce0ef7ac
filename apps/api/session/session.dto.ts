import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** A sign-in link's secret: `ml_` and 256 random bits, base64url. */
export const SIGN_IN_LINK_TOKEN = /^ml_[A-Za-z0-9_-]{43}$/;

export class UseLinkDto {
  @ApiProperty({ description: 'The `token` of the sign-in link' })
  @IsString({ message: 'must be a string' })
  @Matches(SIGN_IN_LINK_TOKEN, { message: 'must be the token of a sign-in link (ml_…)' })
  token: string;
}

class SessionNetworkDto {
  @ApiProperty({ example: 'tl' }) network: string;
  @ApiProperty({ example: 'UN Migration Network in Timor-Leste' }) name: string;
  @ApiProperty({ example: 'Asia/Dili', description: "The network's time zone: its dates are shown in it" })
  timeZone: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Maria Soares' }) person: string;
  @ApiProperty({ example: 'focal-point' }) role: string;
  @ApiProperty({ type: String, nullable: true, example: 'ILO' }) agency: string | null;
  @ApiProperty({ enum: ['en', 'tet', 'pt'], description: "The person's language: the pages' first choice" })
  language: string;
}

export class SessionDto {
  @ApiProperty({ example: 'msoares@ilo.org' }) email: string;
  @ApiProperty({ enum: ['oidc', 'link'] }) method: 'oidc' | 'link';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: [SessionNetworkDto], description: 'Where this address is an active person' })
  networks: SessionNetworkDto[];
  @ApiProperty({ description: 'Send it as X-CSRF-Token with every command made with this session' })
  csrfToken: string;
}

export class SignInMethodsDto {
  @ApiProperty({ description: 'GET /session/oidc signs in with the deployment’s OpenID provider' }) oidc: boolean;
  @ApiProperty({ description: 'A coordinator can give a person a one-time sign-in link' }) links: boolean;
}
