import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { loadConfig, requireExternalServices } from '../../libs/config/config';
import { NestPinoLogger, processLogger } from '../../libs/observability/logger';
import { installTracing } from '../../libs/observability/tracing';
import { createApiApp } from './create-api-app';

/** `npm run start:api`: the HTTP API alone, against external PostgreSQL and Temporal. */
async function main(): Promise<void> {
  const config = requireExternalServices(loadConfig());
  const log = processLogger(config, 'api');
  Logger.overrideLogger(new NestPinoLogger(log));
  const tracing = installTracing('mignet-api');
  if (tracing) new Logger('api').log(`Traces of service ${tracing.service} to ${tracing.destination}`);
  const app = await createApiApp(config, log);
  await app.listen(config.port, config.host);
  new Logger('api').log(`API on ${await app.getUrl()} (OpenAPI at /docs)`);
  const stop = () =>
    void app
      .close()
      .finally(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
