import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { TASK_KIND_DEFINITIONS } from '../../../libs/processes/task-kinds';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { openApiSchema } from '../task-kinds/answer-openapi';
import type { Principal } from '../auth/principal';
import { ExtendTaskDto, ReassignTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('networks/:network/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Tasks, oldest due first. An agency sees its own; the coordinator and auditors see all.' })
  @ApiOkResponse({ type: TaskPageDto })
  list(
    @Param('network') network: string,
    @Query() query: TaskQueryDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<TaskPageDto> {
    return this.tasks.list(network, query, by);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  get(@Param('network') network: string, @Param('id') id: string, @CurrentPrincipal() by: Principal): Promise<TaskDto> {
    return this.tasks.get(network, id, by);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Complete a task with its kind's payload (the body). 403 not the assignee, 409 already done or phase over, 422 bad payload.",
  })
  @ApiBody({
    description: "The answer of the task's kind: one of these schemas (GET /networks/{n}/task-kinds has each in full)",
    schema: { anyOf: TASK_KIND_DEFINITIONS.map((d) => ({ title: d.kind, ...openApiSchema(d.answer.schema()) })) },
    examples: Object.fromEntries(
      TASK_KIND_DEFINITIONS.map((d) => [d.kind, { summary: d.kind, value: d.answer.example }]),
    ),
  })
  @ApiOkResponse({ type: TaskDto })
  complete(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() payload: unknown,
    @CurrentPrincipal() by: Principal,
    @Req() req: Request,
  ): Promise<TaskDto> {
    return this.tasks.complete(network, id, payload, by, (actor) => (req.actedAs = actor));
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Moves an open task's due time later, with a reason: its reminder, escalation and expiry move by as much (the process's timers move durably)",
  })
  @ApiOkResponse({ type: TaskDto })
  extend(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: ExtendTaskDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<TaskDto> {
    return this.tasks.extend(network, id, dto, by);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Gives an open task (reporting an activity’s progress, writing a TWG’s report) to another member agency, with a reason and perhaps a later due time',
  })
  @ApiOkResponse({ type: TaskDto })
  reassign(
    @Param('network') network: string,
    @Param('id') id: string,
    @Body() dto: ReassignTaskDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<TaskDto> {
    return this.tasks.reassign(network, id, dto, by);
  }
}
