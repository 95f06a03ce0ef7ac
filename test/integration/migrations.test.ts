import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../../libs/persistence/data-source';
import { MIGRATIONS } from '../../libs/persistence/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('leave nothing for the entities to add: entities and migrations have not drifted apart', async () => {
    const ds = await db.dataSource();
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('have all run, and running them again does nothing', async () => {
    const ds = await db.dataSource();
    expect(await ds.showMigrations()).toBe(false);
    const rows: { name: string }[] = await ds.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await ds.runMigrations()).toEqual([]);
  });

  it('revert completely', async () => {
    const scratch = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(scratch.url, 2)).initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const tables: { table_name: string }[] = await ds.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
      );
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
      await scratch.drop();
    }
  });
});
