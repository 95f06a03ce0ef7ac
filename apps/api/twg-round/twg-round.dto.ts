import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

import { IMPEDIMENT_STATUSES } from '../../../libs/processes/meeting/meeting';
import { IsNetworkYear } from '../common/network-year';
import type { ImpedimentStatus } from '../../../libs/processes/meeting/meeting';

export class StartTwgRoundDto {
  @ApiProperty({ example: 2027 })
  @IsNetworkYear()
  year: number;

  @ApiProperty({ minimum: 1, maximum: 6, description: 'The bi-monthly period of the year' })
  @IsInt({ message: 'must be 1 to 6' })
  @Min(1, { message: 'must be 1 to 6' })
  @Max(6, { message: 'must be 1 to 6' })
  period: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "The period's start; by default the year's calendar period in the network's time zone",
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  start?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "The period's end: updates are due then" })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  end?: string;
}

export class ImpedimentQueryDto {
  @ApiPropertyOptional({ enum: IMPEDIMENT_STATUSES })
  @IsOptional()
  @IsIn(IMPEDIMENT_STATUSES, { message: `must be one of ${IMPEDIMENT_STATUSES.join(', ')}` })
  status?: ImpedimentStatus;
  @ApiPropertyOptional({ enum: ['network', 'government'] })
  @IsOptional()
  @IsIn(['network', 'government'], { message: "must be 'network' or 'government'" })
  target?: string;
  @ApiPropertyOptional({ example: 'labour-migration' }) @IsOptional() twg?: string;
}
