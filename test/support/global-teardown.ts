import { rmSync } from 'node:fs';

import type { RunningPostgres } from '../../libs/runtime/embedded-postgres';
import type { DevServer } from '../../libs/temporal/dev-server';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__MIGNET_TEST_SERVERS__ as
    { postgres?: RunningPostgres; temporal: DevServer; dir: string } | undefined;
  if (!servers) return; // not started, or stopped by another tier's teardown
  delete (globalThis as Record<string, unknown>).__MIGNET_TEST_SERVERS__;
  await Promise.allSettled([servers.temporal.stop(), servers.postgres?.stop()]);
  rmSync(servers.dir, { recursive: true, force: true });
}
