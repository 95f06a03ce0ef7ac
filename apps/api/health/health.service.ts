import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { AuditService } from '../audit/audit.service';
import { TemporalClientService } from '../temporal/temporal-client.service';

export interface DependencyHealth {
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly postgres: DependencyHealth;
  readonly temporal: DependencyHealth & { readonly namespace: string };
  /** Open incidents of every network (GET /networks/{n}/incidents names them); null while PostgreSQL is down. */
  readonly openIncidents: number | null;
  /** Audit rows this API process holds until PostgreSQL answers again. */
  readonly auditRowsWaiting: number;
}

const CHECK_TIMEOUT_MS = 3_000;

async function probe(check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Reports PostgreSQL and Temporal separately, so an operator sees which one is down. */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async check(): Promise<HealthReport> {
    let openIncidents: number | null = null;
    const [postgres, temporal] = await Promise.all([
      probe(async () => {
        const [row] = (await this.dataSource.query(
          'SELECT count(*)::int AS n FROM incidents WHERE resolved_at IS NULL',
        )) as { n: number }[];
        openIncidents = row.n;
      }),
      probe(async () => {
        await this.temporal.connection.ensureConnected();
        await this.temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          this.temporal.connection.workflowService.describeNamespace({ namespace: this.config.temporalNamespace }),
        );
      }),
    ]);
    return {
      status: postgres.status === 'up' && temporal.status === 'up' ? 'ok' : 'degraded',
      postgres,
      temporal: { ...temporal, namespace: this.config.temporalNamespace },
      openIncidents,
      auditRowsWaiting: this.audit.waitingRows,
    };
  }
}
