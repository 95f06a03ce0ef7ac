import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { dataSourceOptions, migrate } from '../../libs/persistence/data-source';
import { EMBEDDED_APP_ROLE, grantAppRole, withRole } from '../../libs/persistence/app-role';
import { createDatabaseIfMissing } from '../../libs/persistence/postgres-admin';
import { testEnv } from './test-env';

export interface TestDatabase {
  readonly name: string;
  /** The owner's URL (migrations, seeds, and tests that tamper with rows). */
  readonly url: string;
  /** The least-privileged role's URL, as the API and the worker connect (libs/persistence/app-role.ts). */
  readonly appUrl: string;
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
  const appUrl = withRole(url, EMBEDDED_APP_ROLE.role, EMBEDDED_APP_ROLE.password);
  if (options.migrate !== false) {
    await migrate(url);
    await grantAppRole(url, appUrl);
  }
  let ds: DataSource | undefined;
  return {
    name,
    url,
    appUrl,
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
