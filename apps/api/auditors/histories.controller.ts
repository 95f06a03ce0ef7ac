import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { AppError } from '../common/app-error';
import { S } from '../common/schemas';
import { ExportQueryDto, HistoryQueryDto, StateQueryDto } from './auditor.dto';
import { HistoriesService } from './histories.service';

@ApiTags('auditors')
@ApiBearerAuth()
@Controller('networks/:network/histories')
export class HistoriesController {
  constructor(private readonly histories: HistoriesService) {}

  @Get()
  @ApiOperation({ summary: "The network's workflows from Temporal visibility: status, start, close, event count" })
  @ApiOkResponse({
    schema: S.obj({
      items: S.arr(
        S.obj({
          workflowId: S.str(),
          runId: S.str(),
          type: S.str(),
          status: S.str(),
          startedAt: S.time(),
          closedAt: S.nullable(S.time()),
          events: S.int(),
        }),
      ),
      page: S.int(),
      pageSize: S.int(),
      total: S.int(),
    }),
  })
  list(@Param('network') network: string, @Query() query: HistoryQueryDto) {
    return this.histories.list(network, query);
  }

  @Get('export')
  @ApiOperation({
    summary:
      "A year's record as one .tar.gz: histories, the audit log, the anchors, the public key and a signed manifest",
  })
  @ApiProduces('application/gzip')
  @ApiOkResponse({
    description: 'The archive (`mignet audit verify-export` checks it offline)',
    content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
  })
  async export(@Param('network') network: string, @Query() query: ExportQueryDto, @Res() res: Response): Promise<void> {
    const { fileName, archive } = await this.histories.export(network, query.year);
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.send(archive);
  }

  @Get(':workflowId/timeline')
  @ApiOperation({
    summary:
      'The domain events of a history: when, which person for which agency, with which key, what, the phase after it; refused commands in place',
  })
  @ApiOkResponse({
    schema: S.obj({
      workflowId: S.str(),
      workflowType: S.str(),
      items: S.arr(
        S.obj({
          eventId: S.nullable(S.int()),
          at: S.str(),
          type: S.str(),
          agency: S.nullable(S.str()),
          role: S.nullable(S.str()),
          person: S.nullable(S.str()),
          personId: S.nullable(S.str()),
          onBehalfOf: S.nullable(S.str()),
          onBehalfOfId: S.nullable(S.str()),
          keyId: S.nullable(S.str()),
          what: S.str(),
          facts: S.nullable(S.obj({ key: S.str(), values: S.json() })),
          statusAfter: S.nullable(S.str()),
          rejected: S.bool(),
        }),
      ),
    }),
  })
  timeline(@Param('network') network: string, @Param('workflowId') workflowId: string) {
    return this.histories.timeline(network, workflowId);
  }

  @Get(':workflowId/state')
  @ApiOperation({
    summary: 'The process state as of ?at=<ISO time> or ?event=<history event id>, rebuilt with the workflow reducers',
  })
  @ApiOkResponse({
    schema: S.obj({ workflowId: S.str(), asOf: S.obj({ eventId: S.int(), at: S.str() }), state: S.json() }),
  })
  state(@Param('network') network: string, @Param('workflowId') workflowId: string, @Query() q: StateQueryDto) {
    if ((q.at === undefined) === (q.event === undefined))
      throw AppError.validation([
        { field: 'at', message: 'give one of at (a date-time) or event (a history event id)' },
      ]);
    return this.histories.stateAt(network, workflowId, { at: q.at, event: q.event });
  }

  @Get(':workflowId')
  @Header('content-type', 'application/json')
  @ApiOperation({ summary: 'One workflow history, in the JSON format of `temporal workflow show --output json`' })
  @ApiOkResponse({ schema: S.obj({ events: S.arr(S.any()) }) })
  history(@Param('network') network: string, @Param('workflowId') workflowId: string): Promise<string> {
    return this.histories.history(network, workflowId);
  }
}
