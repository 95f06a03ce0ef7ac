import { INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import type { Config } from '../../libs/config/config';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface WorkerApp {
  readonly context: INestApplicationContext;
  /** Settles when the worker stops; rejects on a fatal worker error. */
  readonly done: Promise<void>;
}

/** A Nest application context (no HTTP) whose bootstrap starts the Temporal Worker. */
export async function createWorkerApp(
  config: Config & { databaseUrl: string },
  logger?: LoggerService | LogLevel[] | false,
): Promise<WorkerApp> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: logger ?? undefined,
  });
  await context.init();
  return { context, done: context.get(TemporalWorkerService).done };
}
