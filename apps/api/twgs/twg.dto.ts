import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class TwgQueryDto {
  @ApiPropertyOptional({ enum: ['abolished'], description: 'Also list abolished TWGs' })
  @IsOptional()
  @IsIn(['abolished'], { message: "must be 'abolished'" })
  include?: 'abolished';
}

export class TwgDto {
  @ApiProperty({ example: 'labour-migration' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'labour migration' }) thematicArea: string;
  @ApiProperty({ example: 'ILO' }) leadAgency: string;
  @ApiProperty({ type: [String] }) memberAgencies: string[];
  @ApiProperty({ format: 'date-time' }) establishedOn: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The decision that established it; null for the first meeting’s TWGs',
  })
  establishedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) abolishedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) abolishedBy: string | null;
}

export class TwgListDto {
  @ApiProperty({ type: [TwgDto] }) items: TwgDto[];
}
