import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { Config } from '../libs/config/config';
import { grantAppRole } from '../libs/persistence/app-role';
import { dataSourceOptions, migrate } from '../libs/persistence/data-source';
import { EXAMPLE_NETWORK } from '../libs/persistence/seeds/example.seed';
import {
  IssuedKey,
  seedAdministratorKey,
  seedApiKeys,
  seedCoordinator,
  seedNetwork,
} from '../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../libs/persistence/seeds/timor-leste.seed';

export function seedKeysFile(config: Config): string {
  return join(config.dataDir, 'seed-keys.json');
}

export interface PreparedKeys {
  /** Timor-Leste's seeded keys (MIGNET_DATA_DIR/seed-keys.json). */
  readonly keys: IssuedKey[];
  /** The platform administrator's (administrator-key.json): it creates and lists networks, and reads none. */
  readonly administrator: IssuedKey;
  /** The example network's, when it was asked for (example-keys.json). */
  readonly example?: IssuedKey[];
  /** With the example: the coordinator person of both networks (one address), whom `npm start` gives a sign-in link (for tl's). */
  readonly coordinator?: string;
}

/**
 * Migrates and seeds the Timor-Leste network (and, for `npm start`, the fictional example network), and issues the
 * platform administrator's key. The plain seeded keys are kept in MIGNET_DATA_DIR (mode 0600) so a restart prints the
 * same ones; the database holds only their hashes.
 */
export async function prepareDatabase(
  config: Config & { databaseUrl: string },
  options: { example?: boolean } = {},
): Promise<PreparedKeys> {
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
  const kept = <T>(name: string, issue: (known: T | undefined) => Promise<T>) =>
    keptKeys(config, name, issue, (file) => log.log(`Issued new API keys (${file})`));
  try {
    const keys = await kept<IssuedKey[]>('seed-keys.json', async (known) => {
      await seedNetwork(ds, TIMOR_LESTE);
      return seedApiKeys(ds, TIMOR_LESTE, known ?? []);
    });
    const example = options.example
      ? await kept<IssuedKey[]>('example-keys.json', async (known) => {
          await seedNetwork(ds, EXAMPLE_NETWORK);
          return seedApiKeys(ds, EXAMPLE_NETWORK, known ?? []);
        })
      : undefined;
    const administrator = await kept<IssuedKey>('administrator-key.json', (known) => seedAdministratorKey(ds, known));
    const coordinator = options.example
      ? (await seedCoordinator(ds, EXAMPLE_NETWORK), await seedCoordinator(ds, TIMOR_LESTE))
      : undefined;
    return { keys, administrator, example, coordinator };
  } finally {
    await ds.destroy();
  }
}

/** Keys kept in MIGNET_DATA_DIR/`name`: read, handed to `issue`, and written back when it issued new ones. */
async function keptKeys<T>(
  config: Config,
  name: string,
  issue: (known: T | undefined) => Promise<T>,
  onIssued: (file: string) => void,
): Promise<T> {
  const file = join(config.dataDir, name);
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  const keys = await issue(known);
  if (keys !== known) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
    onIssued(file);
  }
  return keys;
}

export function formatKeys(keys: readonly IssuedKey[]): string[] {
  return keys.map(
    (k) =>
      `  ${(k.role === 'agency' ? `agency ${k.agency}` : k.agency ? `${k.role} (${k.agency})` : k.role).padEnd(20)} ${k.key}`,
  );
}
