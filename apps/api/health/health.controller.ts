import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { S } from '../common/schemas';
import { HealthReport, HealthService } from './health.service';

const DEPENDENCY = S.obj({ status: S.str({ enum: ['up', 'down'] }), latencyMs: S.int() });
const HEALTH = S.obj({
  status: S.str({ enum: ['ok', 'degraded'] }),
  postgres: DEPENDENCY,
  temporal: DEPENDENCY,
  openIncidents: S.nullable(S.int()),
  auditRowsWaiting: S.int(),
});

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are both reachable', schema: HEALTH })
  @ApiServiceUnavailableResponse({
    description: 'At least one dependency is down; the body says which and why',
    schema: HEALTH,
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  /** Liveness: the process answers HTTP. An orchestrator restarts it when this fails, never for a dependency. */
  @Get('live')
  @ApiOkResponse({ description: 'The process is alive', schema: S.obj({ status: S.str({ enum: ['ok'] }) }) })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: /health's check; a load balancer sends no traffic while it is 503. */
  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are both reachable: ready for traffic', schema: HEALTH })
  @ApiServiceUnavailableResponse({ description: 'Not ready: the body says which dependency is down', schema: HEALTH })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    return this.check(res);
  }
}
