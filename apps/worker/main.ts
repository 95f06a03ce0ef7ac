import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { loadConfig, requireExternalServices } from '../../libs/config/config';
import { NestPinoLogger, processLogger } from '../../libs/observability/logger';
import { installTracing } from '../../libs/observability/tracing';
import { createWorkerApp } from './create-worker-app';

/** `npm run start:worker`: one more worker against external PostgreSQL and Temporal; run as many as needed. */
async function main(): Promise<void> {
  const config = requireExternalServices(loadConfig());
  const log = processLogger(config, 'worker');
  Logger.overrideLogger(new NestPinoLogger(log));
  const tracing = installTracing('mignet-worker');
  if (tracing) log.info({ context: 'worker' }, `Traces of service ${tracing.service} to ${tracing.destination}`);
  const { context, done } = await createWorkerApp(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ context: 'worker' }, `${signal}: draining the worker ...`);
    context
      .close()
      .finally(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await done;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
