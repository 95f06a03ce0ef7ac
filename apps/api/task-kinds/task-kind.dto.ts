import { ApiProperty } from '@nestjs/swagger';

import { TASK_KINDS, type TaskKind } from '../../../libs/domain/tasks';

export class InEachLanguageDto {
  @ApiProperty() en: string;
  @ApiProperty() tet: string;
  @ApiProperty() pt: string;
}

export class TaskKindDto {
  @ApiProperty({ enum: TASK_KINDS }) kind: TaskKind;
  @ApiProperty({ enum: ['annual-cycle', 'decision', 'meeting', 'twg-round'], description: 'The process that owns it' })
  process: string;
  @ApiProperty({ type: InEachLanguageDto, description: 'Its name, in English, Tetum and Portuguese' })
  name: InEachLanguageDto;
  @ApiProperty({ type: InEachLanguageDto, description: 'What the person is asked to do and how to answer' })
  instructions: InEachLanguageDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The answer's JSON Schema (2020-12) in this network: its member agencies and objectives. The API validates a completion's body against it and answers 422 naming each field it refuses.",
  })
  schema: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A valid answer (in the model network)' })
  example: Record<string, unknown>;
  @ApiProperty({ description: 'The coordinator may give it to another member agency' }) reassignable: boolean;
  @ApiProperty({ description: 'The assignee may answer again, replacing its answer, until the deadline' })
  resubmittable: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What silence means at its deadline; null: it stays open' })
  silenceMeans: string | null;
}

export class TaskKindListDto {
  @ApiProperty({ type: [TaskKindDto] }) items: TaskKindDto[];
}
