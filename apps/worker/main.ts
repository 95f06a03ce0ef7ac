import 'reflect-metadata';

import { loadConfig, requireExternalServices } from '../../libs/config/config';
import { createWorkerApp } from './create-worker-app';

/** `npm run start:worker`: one more worker against external PostgreSQL and Temporal; run as many as needed. */
async function main(): Promise<void> {
  const config = requireExternalServices(loadConfig());
  const { context, done } = await createWorkerApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining the worker ...`);
    context.close().then(
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
