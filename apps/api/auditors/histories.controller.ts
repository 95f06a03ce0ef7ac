import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Roles } from '../auth/auth.decorators';
import { AppError } from '../common/app-error';
import { ExportQueryDto, HistoryQueryDto, StateQueryDto } from './auditor.dto';
import { HistoriesService } from './histories.service';

@ApiTags('auditors')
@ApiBearerAuth()
@Controller('networks/:network/histories')
@Roles('auditor', 'coordinator')
export class HistoriesController {
  constructor(private readonly histories: HistoriesService) {}

  @Get()
  @ApiOperation({ summary: "The network's workflows from Temporal visibility: status, start, close, event count" })
  list(@Param('network') network: string, @Query() query: HistoryQueryDto) {
    return this.histories.list(network, query);
  }

  @Get('export')
  @ApiOperation({ summary: "A year's histories as one .tar.gz, with a manifest of ids and SHA-256 sums" })
  async export(@Param('network') network: string, @Query() query: ExportQueryDto, @Res() res: Response): Promise<void> {
    const { fileName, archive } = await this.histories.export(network, query.year);
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.send(archive);
  }

  @Get(':workflowId/timeline')
  @ApiOperation({ summary: 'The domain events of a history: when, which agency and key, what, the phase after it; refused commands in place' })
  timeline(@Param('network') network: string, @Param('workflowId') workflowId: string) {
    return this.histories.timeline(network, workflowId);
  }

  @Get(':workflowId/state')
  @ApiOperation({ summary: 'The process state as of ?at=<ISO time> or ?event=<history event id>, rebuilt with the workflow reducers' })
  state(@Param('network') network: string, @Param('workflowId') workflowId: string, @Query() q: StateQueryDto) {
    if ((q.at === undefined) === (q.event === undefined)) throw AppError.validation([{ field: 'at', message: 'give one of at (a date-time) or event (a history event id)' }]);
    return this.histories.stateAt(network, workflowId, { at: q.at, event: q.event });
  }

  @Get(':workflowId')
  @Header('content-type', 'application/json')
  @ApiOperation({ summary: 'One workflow history, in the JSON format of `temporal workflow show --output json`' })
  history(@Param('network') network: string, @Param('workflowId') workflowId: string): Promise<string> {
    return this.histories.history(network, workflowId);
  }
}
