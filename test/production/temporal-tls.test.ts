import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';

import { createApiApp } from '../../apps/api/create-api-app';
import { createWorkerApp, WorkerApp } from '../../apps/worker/create-worker-app';
import { loadConfig } from '../../libs/config/config';
import { createLogger } from '../../libs/observability/logger';
import { OwnPostgres, startOwnPostgres } from '../support/own-postgres';
import { makeTestCertificates, TemporalServer } from '../support/temporal-server';
import { testConfig } from '../support/test-stack';

const API_KEY = 'tmprl-test-api-key-never-logged';

/**
 * The Temporal connection as Temporal Cloud or a TLS cluster needs it, configured the way Temporal's own tools are
 * (`@temporalio/envconfig`: TEMPORAL_TLS_*, TEMPORAL_API_KEY): the Temporal server with a TLS frontend (a test CA),
 * and the worker and the API reaching it with nothing but those variables. A plaintext client is refused; the API
 * key appears in no log line.
 */
describe('the Temporal connection over TLS, from the TEMPORAL_* variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mignet-tls-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    format: 'json',
    service: 'tls',
    destination: { write: (l) => void lines.push(l) },
  });
  let pg: OwnPostgres;
  let temporal: TemporalServer;
  let worker: WorkerApp;
  let api: INestApplication;
  let ds: DataSource;
  let baseUrl: string;
  let coordinator: string;

  beforeAll(async () => {
    pg = await startOwnPostgres(dir);
    ds = pg.ds;
    const databaseUrl = pg.databaseUrl;
    coordinator = pg.keys['seed:coordinator'];
    const tls = makeTestCertificates(join(dir, 'certs'));
    temporal = await TemporalServer.start(join(dir, 'temporal'), pg.temporal, tls);
    // Only what an operator sets: the address, the CA, the server name, the API key.
    const fromEnvironment = loadConfig({
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: tls.caFile,
      TEMPORAL_TLS_SERVER_NAME: tls.serverName,
      TEMPORAL_API_KEY: API_KEY,
    });
    const config = testConfig({
      databaseUrl,
      temporalAddress: fromEnvironment.temporalAddress!,
      temporalConnection: fromEnvironment.temporalConnection,
      temporalTaskQueue: 'tls',
    });
    lines.push(JSON.stringify(config), String(config.temporalConnection)); // what a careless log line would print
    worker = await createWorkerApp(config, logger);
    api = await createApiApp(config, logger);
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  }, 10 * 60_000);

  afterAll(async () => {
    await api?.close();
    await worker?.context.close();
    await temporal?.stop();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('refuses a plaintext client: the frontend speaks TLS only', async () => {
    await expect(
      Connection.connect({ address: temporal.address, connectTimeout: 3_000 }).then(async (c) => {
        try {
          return await c.workflowService.getSystemInfo({});
        } finally {
          await c.close();
        }
      }),
    ).rejects.toThrow();
  });

  it('runs a cycle over TLS: the API starts it, the worker projects it', async () => {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { temporal: { status: string } };
    expect(health.temporal.status).toBe('up');
    const res = await fetch(`${baseUrl}/networks/tl/cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2031, meetingsAndRounds: false }),
    });
    expect({ status: res.status, body: res.status === 201 ? null : await res.text() }).toEqual({
      status: 201,
      body: null,
    });
    // The 201 waits for the worker's first projection: the row is there.
    const rows = (await ds.query(`SELECT phase FROM cycles WHERE network_code = 'tl' AND year = 2031`)) as unknown[];
    expect(rows).toHaveLength(1);
  });

  it('says how it connects, and never prints the API key', () => {
    expect(lines.join('\n')).toContain('TLS (server name localhost, CA given), API key');
    expect(lines.join('\n')).not.toContain(API_KEY);
  });
});
