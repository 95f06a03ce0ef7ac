import 'reflect-metadata';

import { loadConfig } from '../libs/config/config';
import { TIMOR_LESTE } from '../libs/persistence/seeds/timor-leste.seed';
import { formatKeys, prepareDatabase, seedKeysFile } from './prepare-database';

/** `npm run migrate`: migrations and the Timor-Leste seed against DATABASE_URL (external PostgreSQL, docker compose). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required (npm start migrates its embedded PostgreSQL by itself)');
  const { keys, administrator } = await prepareDatabase({ ...config, databaseUrl: config.databaseUrl });
  process.stdout.write(
    [
      `API keys for network "${TIMOR_LESTE.code}" (also in ${seedKeysFile(config)}):`,
      ...formatKeys(keys),
      '',
      'The platform administrator (creates networks: POST /networks):',
      ...formatKeys([administrator]),
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
