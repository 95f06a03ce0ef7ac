import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';

import type { Config } from '../../libs/config/config';
import { NestPinoLogger, processLogger } from '../../libs/observability/logger';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface WorkerApp {
  readonly context: INestApplicationContext;
  /** Settles when the worker stops; rejects on a fatal worker error. */
  readonly done: Promise<void>;
}

/**
 * A Nest application context (no HTTP) whose bootstrap starts the Temporal Worker; `logger`: the process's, or the
 * levels a test wants (libs/observability/logger.ts, processLogger).
 */
export async function createWorkerApp(
  config: Config & { databaseUrl: string },
  logger?: Logger | LogLevel[] | false,
): Promise<WorkerApp> {
  const log = processLogger(config, 'worker', logger);
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, log), {
    logger: new NestPinoLogger(log),
  });
  await context.init();
  return { context, done: context.get(TemporalWorkerService).done };
}
