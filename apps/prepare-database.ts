import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { Config } from '../libs/config/config';
import { grantAppRole } from '../libs/persistence/app-role';
import { dataSourceOptions, migrate } from '../libs/persistence/data-source';
import { IssuedKey, seedApiKeys, seedNetwork } from '../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../libs/persistence/seeds/timor-leste.seed';

export function seedKeysFile(config: Config): string {
  return join(config.dataDir, 'seed-keys.json');
}

/**
 * Migrates and seeds the Timor-Leste network. The plain seeded keys are kept in MIGNET_DATA_DIR/seed-keys.json (mode
 * 0600) so a restart prints the same ones; the database holds only their hashes.
 */
export async function prepareDatabase(config: Config & { databaseUrl: string }): Promise<IssuedKey[]> {
  const log = new Logger('setup');
  // Migrations, grants and seeds run as the tables' owner; the API and the worker as DATABASE_URL's role.
  const ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  const ran = await migrate(ownerUrl);
  if (ran.length > 0) log.log(`Migrations applied: ${ran.join(', ')}`);
  if (config.databaseOwnerUrl) {
    await grantAppRole(ownerUrl, config.databaseUrl);
  } else {
    log.warn(
      "DATABASE_URL is also the owner of the tables, so it could switch off the audit log's append-only triggers: set DATABASE_OWNER_URL to the owner and give DATABASE_URL a role of its own",
    );
  }
  const ds = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
  try {
    await seedNetwork(ds, TIMOR_LESTE);
    const file = seedKeysFile(config);
    const known: IssuedKey[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as IssuedKey[]) : [];
    const keys = await seedApiKeys(ds, TIMOR_LESTE, known);
    if (keys !== known) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
      log.log(`Issued new API keys for network "${TIMOR_LESTE.code}" (${file})`);
    }
    return keys;
  } finally {
    await ds.destroy();
  }
}

export function formatKeys(keys: readonly IssuedKey[]): string[] {
  return keys.map(
    (k) =>
      `  ${(k.role === 'agency' ? `agency ${k.agency}` : k.agency ? `${k.role} (${k.agency})` : k.role).padEnd(20)} ${k.key}`,
  );
}
