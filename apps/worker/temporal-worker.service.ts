import type { Server } from 'node:http';

import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';

import { createActivities } from '../../activities';
import type { Config } from '../../libs/config/config';
import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';
import { CONFIG } from '../common/config.token';
import { installTemporalRuntime } from '../../libs/observability/temporal-runtime';
import { PROCESS_LOGGER } from '../common/process-logger.token';
import { boundPort, startWorkerHttp } from './worker-http';
import { workflowSource } from './workflow-source';
import { auditBundle } from '../../libs/audit/bundle';
import { LIVE_SINKS } from '../../libs/audit/sinks';

/**
 * Hosts the Temporal Worker inside the Nest application context: activities get their repositories by injection;
 * shutdown stops polling, lets running tasks finish, then closes the connection.
 */

/** The worker's own TypeORM data source (apps/worker/worker.module.ts). */
export const WORKER_DATA_SOURCE = 'worker';
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('worker');
  private connection?: NativeConnection;
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;
  private http?: Server;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PROCESS_LOGGER) private readonly log: PinoLogger,
    @InjectDataSource(WORKER_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { temporalAddress, temporalNamespace, temporalTaskQueue, databasePoolSize } = this.config;
    if (!temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
    // Before the first connection: the SDK's lines and its Rust core's go to this process's logger, its metrics to Prometheus.
    const ownRuntime = installTemporalRuntime(this.log, this.config.temporalMetricsPort);
    // Bound first: a port in use stops the start here, not after the worker has begun polling.
    if (this.config.workerHttpPort > 0) {
      this.http = await startWorkerHttp(this.config.workerHttpPort, this.config.host, {
        ready: () => this.readiness(),
        // The SDK's exporter is this process's only when it installed the runtime (else another's may listen there).
        temporalMetricsPort: ownRuntime ? this.config.temporalMetricsPort : 0,
      });
      this.logger.log(
        `Health and metrics on http://${this.config.host}:${boundPort(this.http)} (/live, /ready, /metrics)`,
      );
    }
    const connect = this.config.temporalConnection.options(temporalAddress);
    const registered = await ensureSearchAttributes(connect, temporalNamespace);
    if (registered.length > 0)
      this.logger.log(`Registered search attributes in ${temporalNamespace}: ${registered.join(', ')}`);
    this.connection = await NativeConnection.connect(connect);
    // Audit replay jobs fetch histories with a client of their own and replay them against the code this worker runs.
    this.clientConnection = await Connection.connect(connect);
    const client = new Client({
      connection: this.clientConnection,
      namespace: temporalNamespace,
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    });
    const source = workflowSource(this.config.workflowBundlePath);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: temporalNamespace,
      taskQueue: temporalTaskQueue,
      ...source,
      // Activity spans (no-ops unless libs/observability/tracing.ts installed a tracer), with the trace id on the
      // activity's log lines. No workflow interceptors: with Updates they make histories that do not replay (see
      // libs/observability/tracing.ts), so an activity's span is not joined to the request that led to it.
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      activities: createActivities({
        dataSource: this.dataSource,
        notices: this.config.notifications
          ? {
              linkBase: this.config.publicUrl ?? `http://localhost:${this.config.port}`,
              organizer: mailbox(this.config.mailFrom),
            }
          : undefined,
        temporal: { client, bundle: () => auditBundle(this.config.workflowBundlePath) },
      }),
      sinks: LIVE_SINKS,
      // Never more activities at once than pg connections: each projection holds one for its transaction.
      maxConcurrentActivityTaskExecutions: databasePoolSize,
      maxConcurrentLocalActivityExecutions: databasePoolSize,
    });
    this.running = this.worker.run();
    this.logger.log(
      `Polling task queue "${temporalTaskQueue}" on ${temporalAddress} (namespace ${temporalNamespace}, ${this.config.temporalConnection.describe()})`,
    );
  }

  /** Ready: the worker runs, and Temporal and PostgreSQL each answer within 3 s (a poll and a projection need them). */
  private async readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const worker = this.worker?.getState() ?? 'NOT STARTED';
    const within3s = (check: () => Promise<unknown>) =>
      Promise.race([
        check().then(
          () => 'up',
          (err: unknown) => `down: ${err instanceof Error ? err.message : String(err)}`,
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('down: no answer within 3000 ms'), 3_000).unref()),
      ]);
    const [temporal, postgres] = await Promise.all([
      within3s(async () => {
        if (!this.clientConnection) throw new Error('not connected');
        const { status } = await this.clientConnection.healthService.check({});
        if (status !== 1) throw new Error(`health status ${status}`);
      }),
      within3s(() => this.dataSource.query('SELECT 1')),
    ]);
    return {
      ready: worker === 'RUNNING' && temporal === 'up' && postgres === 'up',
      checks: { worker, temporal, postgres },
    };
  }

  /** Settles when the worker stops; rejects if it stopped on a fatal error. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.http?.close();
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch((err: unknown) => this.logger.error(`Worker stopped with an error: ${String(err)}`));
    await this.connection?.close();
    await this.clientConnection?.close();
  }
}

/** `Name <address>` (or a bare address) as an invitation's organizer. */
function mailbox(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1] || m[2], email: m[2] } : { name: from, email: from };
}
