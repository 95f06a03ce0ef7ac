import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class ScheduleAnnualCycleDto {
  @ApiProperty({
    example: 11,
    minimum: 1,
    maximum: 12,
    description: 'Month (1-12) in which next year’s cycle starts, each year',
  })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 to 12' })
  @Max(12, { message: 'must be 1 to 12' })
  month: number;

  @ApiProperty({ example: 15, minimum: 1, maximum: 31 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 to 31' })
  @Max(31, { message: 'must be 1 to 31' })
  day: number;

  @ApiPropertyOptional({ example: 9, minimum: 0, maximum: 23, default: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be 0 to 23' })
  @Max(23, { message: 'must be 0 to 23' })
  hour?: number;

  @ApiPropertyOptional({
    example: 'Asia/Dili',
    description: "The calendar template's time zone; the network's by default",
  })
  @IsOptional()
  @IsString({ message: 'must be an IANA time zone' })
  timeZone?: string;
}

export class AnnualCycleScheduleDto {
  @ApiProperty({ example: 'annual-cycle-schedule:tl' }) scheduleId: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'existing'] }) outcome:
    'created' | 'updated' | 'unchanged' | 'existing';
  @ApiProperty() month: number;
  @ApiProperty() day: number;
  @ApiProperty() hour: number;
  @ApiProperty({ example: 'Asia/Dili' }) timeZone: string;
  @ApiProperty({ type: [String], format: 'date-time' }) nextRuns: string[];
}
