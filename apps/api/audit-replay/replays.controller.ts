import { randomBytes } from 'node:crypto';

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';

import { listRuns, workflowIdsOf } from '../../../libs/temporal/visibility';
import { replayJobQuery } from '../../../libs/processes/audit-replay/messages';
import type { ReplayJobState } from '../../../libs/processes/audit-replay/messages';
import type { auditReplayWorkflow } from '../../../workflows/audit-replay.workflow';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { IsNetworkYear } from '../common/network-year';
import { TemporalClientService } from '../temporal/temporal-client.service';

const MAX_HISTORIES = 20_000;

export class StartReplayDto {
  @ApiPropertyOptional({
    example: 2027,
    description: "Every workflow of the network's year (from Temporal visibility)",
  })
  @IsOptional()
  @IsNetworkYear()
  year?: number;

  @ApiPropertyOptional({ type: [String], example: ['annual-cycle:tl:2027'] })
  @IsOptional()
  @IsArray({ message: 'must be a list of workflow ids' })
  @ArrayMinSize(1, { message: 'must name at least one workflow' })
  @ArrayMaxSize(MAX_HISTORIES, { message: `must name at most ${MAX_HISTORIES} workflows` })
  @IsString({ each: true, message: 'must be a list of workflow ids' })
  workflowIds?: string[];
}

export class ReplayJobDto {
  @ApiProperty({ example: 'audit-replay:tl:20270301-1a2b3c' }) id: string;
  @ApiProperty({ enum: ['RUNNING', 'COMPLETED', 'FAILED', 'TERMINATED', 'CANCELLED', 'TIMED_OUT', 'CONTINUED_AS_NEW'] })
  status: string;
  @ApiProperty() total: number;
  @ApiProperty() done: number;
  @ApiProperty() cleanly: number;
  @ApiProperty() events: number;
  @ApiProperty({ description: 'How many did not replay (failed lists the first 500)' }) failedCount: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Each history that did not replay, with the first event where it diverges',
  })
  failed: unknown[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
}

/** Replays of many histories against the deployed code, as durable jobs: started, then polled for progress. */
@ApiTags('auditors')
@ApiBearerAuth()
@Controller('networks/:network/audits/replays')
export class ReplaysController {
  constructor(private readonly temporal: TemporalClientService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Replays a year's histories, or the ones named, against the code deployed now: a durable job",
  })
  @ApiAcceptedResponse({ type: ReplayJobDto })
  async start(
    @Param('network') network: string,
    @Body() dto: StartReplayDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ReplayJobDto> {
    if ((dto.year === undefined) === (dto.workflowIds === undefined))
      throw AppError.validation([{ field: 'year', message: 'give one of year or workflowIds' }]);
    const foreign = (dto.workflowIds ?? []).findIndex((id) => id.split(':')[1] !== network);
    if (foreign >= 0)
      throw AppError.validation([
        { field: `workflowIds[${foreign}]`, message: `is not a workflow of network ${network}` },
      ]);
    const ids = dto.workflowIds ?? (await this.yearIds(network, dto.year!));
    const id = `audit-replay:${network}:${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
    await this.temporal.startProcess<typeof auditReplayWorkflow>(
      'audit-replay',
      {
        workflowId: id,
        taskQueue: this.temporal.taskQueue,
        args: [{ network, requestedBy: by.agency ?? by.role, workflowIds: ids }],
      },
      { network, onDuplicate: () => new AppError(ErrorCode.INTERNAL, `Replay job ${id} collided`) },
    );
    return {
      id,
      status: 'RUNNING',
      total: ids.length,
      done: 0,
      cleanly: 0,
      events: 0,
      failedCount: 0,
      failed: [],
      finishedAt: null,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: "A replay job's progress, and each history that did not replay cleanly" })
  @ApiOkResponse({ type: ReplayJobDto })
  async get(@Param('network') network: string, @Param('id') id: string): Promise<ReplayJobDto> {
    if (!id.startsWith(`audit-replay:${network}:`))
      throw new AppError(ErrorCode.WORKFLOW_NOT_FOUND, `Network "${network}" has no replay job ${id}`);
    const handle = this.temporal.client.workflow.getHandle(id);
    try {
      return await this.temporal.call(async () => {
        const { status } = await handle.describe();
        const state: ReplayJobState =
          status.name === 'COMPLETED' ? await handle.result() : await handle.query(replayJobQuery);
        return {
          id,
          status: status.name,
          total: state.total,
          done: state.done,
          cleanly: state.cleanly,
          events: state.events,
          failedCount: state.failedCount ?? state.failed.length,
          failed: [...state.failed],
          finishedAt: state.finishedAt,
        };
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new AppError(ErrorCode.WORKFLOW_NOT_FOUND, `Network "${network}" has no replay job ${id}`);
      throw err;
    }
  }

  private async yearIds(network: string, year: number): Promise<string[]> {
    const ids = workflowIdsOf(await this.temporal.call(() => listRuns(this.temporal.client, { network, year })));
    if (ids.length > MAX_HISTORIES)
      throw AppError.validation([
        { field: 'year', message: `has ${ids.length} workflows; replay at most ${MAX_HISTORIES} per job (name them)` },
      ]);
    return ids;
  }
}
