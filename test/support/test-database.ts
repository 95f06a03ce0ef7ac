import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { dataSourceOptions, migrate } from '../../libs/persistence/data-source';
import { createDatabaseIfMissing } from '../../libs/persistence/postgres-admin';
import { testEnv } from './test-env';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A DataSource on the database, opened on first use and closed by drop(). */
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

/** A fresh database on the test server, migrated unless told not to; each test file makes its own. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const env = testEnv();
  const name = `mignet_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(env.postgresAdminUrl, name);
  const url = env.postgresUrlFor(name);
  if (options.migrate !== false) await migrate(url);
  let ds: DataSource | undefined;
  return {
    name,
    url,
    async dataSource() {
      ds ??= await new DataSource(dataSourceOptions(url, 4)).initialize();
      return ds;
    },
    async drop() {
      await ds?.destroy();
      const admin = new Client({ connectionString: env.postgresAdminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
