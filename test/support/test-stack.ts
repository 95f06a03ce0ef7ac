import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplication } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

import { createApiApp } from '../../apps/api/create-api-app';
import { createWorkerApp, WorkerApp } from '../../apps/worker/create-worker-app';
import { Config, loadConfig } from '../../libs/config/config';
import { IssuedKey, seedAdministratorKey, seedApiKeys, seedNetwork } from '../../libs/persistence/seeds/seed';
import { NetworkSeed, TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { apiClient } from './api-client';
import { createTestDatabase, TestDatabase } from './test-database';
import { MailServer } from './mail-server';
import { testEnv } from './test-env';

export interface TestStack {
  readonly baseUrl: string;
  readonly db: TestDatabase;
  readonly config: Config & { databaseUrl: string; temporalAddress: string };
  readonly client: Client;
  /**
   * Seeded keys by label (`seed:coordinator`, `seed:auditor`, `seed:agency:ILO`), per network code; the platform
   * administrator's under `platform` (`seed:administrator`).
   */
  readonly keys: Record<string, Record<string, string>>;
  /** A seeded key of network `tl`: `key('coordinator')`, `key('auditor')`, `key('ILO')`; or `key('administrator')`. */
  key(who: string): string;
  /** The real SMTP server the stack's mail goes to (SMTP_URL), unless the test gave its own. */
  readonly mail: MailServer;
  /** Terminates the workflows this stack's task queue still runs (cycles last a calendar year otherwise). */
  terminateRunning(): Promise<void>;
  close(): Promise<void>;
}

// The SDK's own INFO lines (worker state changes) would drown the test output; keep its warnings and errors.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process by an earlier test file
}

/** A second network, so tests can show that one network's key opens nothing of another's. */
export const OTHER_NETWORK: NetworkSeed = {
  ...TIMOR_LESTE,
  code: 'xx',
  name: 'Test network',
  country: 'Testland',
  members: TIMOR_LESTE.members.slice(0, 4), // RCO, ILO, UNDP and IOM, which coordinates
};

/** The product's configuration as tests run it, on the servers given (every stack, and the fault tier's own). */
export function testConfig<C extends Partial<Config> & { databaseUrl: string; temporalAddress: string }>(
  given: C,
): Config & C {
  return {
    ...loadConfig({}),
    databasePoolSize: 5,
    workflowBundlePath: testEnv().workflowBundlePath,
    port: 0,
    auditSigningKeyFile: join(mkdtempSync(join(tmpdir(), 'mignet-key-')), 'audit-signing-key.pem'),
    auditAnchorEveryMs: 0, // one anchor workflow per network id: only the file that tests anchoring runs one
    workerHttpPort: 0, // many workers in one run: a test that wants the port gives one
    temporalMetricsPort: 0,
    // Tests send hundreds of requests a minute from one address with one key; the abuse tests set their own limits.
    rateLimitPerKey: 1_000_000,
    rateLimitPerAddress: 1_000_000,
    authFailuresPerAddress: 1_000_000,
    ...given,
  };
}

/**
 * The product as `npm start` runs it, on the test servers: its own database (migrated, seeded) and its own task
 * queue, the worker and the API in this process, the API listening on a free port. All test files share one Temporal
 * server, so workflow ids must not collide across files: a test takes its cycle years from `claimYear()` (each year
 * once per run; the Network year holds 2097, which its recorded histories are named after), the annual-cycle e2e's
 * schedule starts next year's cycle, and the workflow integration tests use 2200 and later with random suffixes.
 * auditors.e2e lists by network, so its processes run in network xx, which no other file starts anything in.
 */
export async function startTestStack(
  options: { api?: boolean; worker?: boolean; config?: Partial<Config>; apiLogger?: Logger } = {},
): Promise<TestStack> {
  const env = testEnv();
  const db = await createTestDatabase();
  const ds = await db.dataSource();
  const keys: TestStack['keys'] = {};
  for (const seed of [TIMOR_LESTE, OTHER_NETWORK]) {
    await seedNetwork(ds, seed);
    const issued: IssuedKey[] = await seedApiKeys(ds, seed);
    keys[seed.code] = Object.fromEntries(issued.map((k) => [k.label, k.key]));
  }
  keys.platform = { 'seed:administrator': (await seedAdministratorKey(ds)).key };
  const mail = await new MailServer().start();
  const config = testConfig({
    databaseUrl: db.appUrl,
    databaseOwnerUrl: db.url,
    temporalAddress: env.temporalAddress,
    temporalTaskQueue: `test-${randomBytes(6).toString('hex')}`,
    smtpUrl: mail.url,
    outboxPollMs: 100,
    // The test's webhook receivers listen on loopback, which a deployment refuses unless it allows the host.
    webhookAllowHosts: ['127.0.0.1'],
    ...options.config,
  });
  let worker: WorkerApp | undefined;
  let api: INestApplication | undefined;
  if (options.worker !== false) worker = await createWorkerApp(config, ['error', 'warn'] as const);
  if (options.api !== false) {
    api = await createApiApp(config, options.apiLogger ?? (['error', 'warn'] as const));
    await api.listen(0, '127.0.0.1');
  }
  const connection = await Connection.connect({ address: config.temporalAddress });
  return {
    baseUrl: api ? (await api.getUrl()).replace('[::1]', '127.0.0.1') : '',
    db,
    config,
    client: new Client({ connection }),
    keys,
    mail,
    key: (who) =>
      who === 'administrator'
        ? keys.platform['seed:administrator']
        : keys.tl[
            who === 'coordinator' ? 'seed:coordinator' : who === 'auditor' ? 'seed:auditor' : `seed:agency:${who}`
          ],
    async terminateRunning() {
      const client = new Client({ connection });
      for await (const wf of client.workflow.list({
        query: `TaskQueue = '${config.temporalTaskQueue}' AND ExecutionStatus = 'Running'`,
      })) {
        // One may finish between the listing and the termination: that is fine.
        await client.workflow
          .getHandle(wf.workflowId)
          .terminate('test finished')
          .catch((err: unknown) => {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          });
      }
    },
    async close() {
      await api?.close();
      await worker?.context.close();
      await mail.stop();
      await connection.close();
      await db.drop();
    },
  };
}

/**
 * The e2e files' one fixture: a stack per `describe`, started before its tests; after them its running workflows are
 * terminated (`beforeClose` runs first, for clean-ups that need the stack), its servers closed and its database
 * dropped. `stack` and `call` (an HTTP client on the API) are usable inside tests and hooks.
 */
export function useTestStack(
  options: Parameters<typeof startTestStack>[0] & { beforeClose?: (stack: TestStack) => Promise<void> } = {},
): { readonly stack: TestStack; readonly call: ReturnType<typeof apiClient> } {
  let current: TestStack | undefined;
  let client: ReturnType<typeof apiClient> | undefined;
  beforeAll(async () => {
    current = await startTestStack(options);
    client = apiClient(current.baseUrl);
  });
  afterAll(async () => {
    if (!current) return; // it did not start: its own error says why
    try {
      await options.beforeClose?.(current);
      if (options.worker !== false) await current.terminateRunning();
    } finally {
      await current.close(); // a failed clean-up must not leave the servers open (jest would hang on them)
    }
  });
  const started = (): TestStack => {
    if (!current) throw new Error('the test stack starts in beforeAll: use it inside a test or a hook');
    return current;
  };
  const stack: TestStack = {
    get baseUrl() {
      return started().baseUrl;
    },
    get db() {
      return started().db;
    },
    get mail() {
      return started().mail;
    },
    get config() {
      return started().config;
    },
    get client() {
      return started().client;
    },
    get keys() {
      return started().keys;
    },
    key: (who) => started().key(who),
    terminateRunning: () => started().terminateRunning(),
    close: () => started().close(),
  };
  const call = ((...args: Parameters<ReturnType<typeof apiClient>>) =>
    (client ?? apiClient(started().baseUrl))(...args)) as ReturnType<typeof apiClient>;
  return { stack, call };
}
