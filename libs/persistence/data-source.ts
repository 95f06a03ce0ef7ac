import { DataSource, DataSourceOptions } from 'typeorm';

import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One set of options for the API, the worker, the migrations and the tests; never `synchronize` (STYLE 12). */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  options: { statementTimeoutMs?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+: no extension to install
    logging: ['warn'], // failed queries reach the caller's error handling, which logs what matters once (not every retry of an outage)
    // A request waiting on a PostgreSQL that does not answer gets its 503 within the API's 10 s deadline.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      keepAlive: true, // a peer that vanished is noticed, not waited on for ever
      // The API's statements are short; one that hangs (a PostgreSQL stopped, a partition) ends in time for its answer.
      ...(options.statementTimeoutMs
        ? { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + 1_000 }
        : {}),
    },
  };
}

/** Runs pending migrations on `url` and closes the connection: start-up and tests call it before anything else. */
export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
