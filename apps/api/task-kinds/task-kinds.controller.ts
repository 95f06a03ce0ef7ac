import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { TaskKindListDto } from './task-kind.dto';
import { TaskKindsService } from './task-kinds.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('networks/:network/task-kinds')
export class TaskKindsController {
  constructor(private readonly kinds: TaskKindsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Every task kind: its name and instructions in the three languages and its answer's JSON Schema in this network (the body of POST …/tasks/{id}/complete)",
  })
  @ApiOkResponse({ type: TaskKindListDto })
  list(@Param('network') network: string): Promise<TaskKindListDto> {
    return this.kinds.list(network);
  }
}
