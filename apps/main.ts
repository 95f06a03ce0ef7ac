import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Config, loadConfig } from '../libs/config/config';
import { NestPinoLogger, processLogger } from '../libs/observability/logger';
import { installTemporalRuntime } from '../libs/observability/temporal-runtime';
import { installTracing } from '../libs/observability/tracing';
import { EMBEDDED_APP_ROLE, withRole } from '../libs/persistence/app-role';
import { PersonEntity } from '../libs/persistence/entities';
import { EXAMPLE_NETWORK } from '../libs/persistence/seeds/example.seed';
import { EMBEDDED_COORDINATOR } from '../libs/persistence/seeds/seed';
import { TIMOR_LESTE } from '../libs/persistence/seeds/timor-leste.seed';
import { reachableDataDir, startEmbeddedPostgres, takeOverShutdownSignals } from '../libs/runtime/embedded-postgres';
import { startSmtpSink } from '../libs/runtime/smtp-sink';
import { startTemporalDevServer } from '../libs/temporal/dev-server';
import { describeTemporalCli, locateTemporalCli } from '../libs/temporal/temporal-cli';
import { createApiApp } from './api/create-api-app';
import { SessionsService } from './api/session/sessions.service';
import { formatKeys, prepareDatabase, seedKeysFile } from './prepare-database';
import { createWorkerApp } from './worker/create-worker-app';

const log = new Logger('mignet');

/**
 * `npm start`: the whole product on one machine. PostgreSQL and the Temporal dev server are started here unless
 * DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; their state lives under .data/, so a second start finds it again.
 */
async function main(): Promise<void> {
  const loaded = loadConfig();
  // One process for everything: at a terminal by default, so text lines (LOG_FORMAT=json gives JSON); the worker's
  // health port and the SDK's metrics exporter only when asked for (the API serves /metrics and /health).
  const config: Config = {
    ...loaded,
    logFormat: loaded.logFormat ?? 'text',
    workerHttpPort: process.env.WORKER_HTTP_PORT ? loaded.workerHttpPort : 0,
    temporalMetricsPort: process.env.TEMPORAL_METRICS_PORT ? loaded.temporalMetricsPort : 0,
  };
  const processLog = processLogger(config, 'mignet');
  Logger.overrideLogger(new NestPinoLogger(processLog));
  installTemporalRuntime(processLog, config.temporalMetricsPort); // before the dev server, which would install its own
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (code === 0) log.log('Stopping: the API, the worker, then the servers it started ...');
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log.error(String(err)));
    if (code === 0) log.log('mignet stopped.');
    process.exit(code);
  };
  const tracing = installTracing('mignet');
  if (tracing) {
    log.log(`Traces of service ${tracing.service} to ${tracing.destination}`);
    stops.push(() => tracing.shutdown()); // stopped last: the final requests' spans still leave
  }
  takeOverShutdownSignals(); // this function stops PostgreSQL itself, last
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  process.once('SIGHUP', () => void stopAll(0));

  try {
    // A server left over on a port would be picked up as if it were ours (the dev-server launcher only checks that
    // something answers there): refuse, and say which variable moves the port.
    await assertPortFree(config.port, 'PORT');
    if (!config.databaseUrl) await assertPortFree(config.embeddedPostgresPort, 'MIGNET_POSTGRES_PORT');
    if (!config.temporalAddress) {
      await assertPortFree(config.temporalPort, 'MIGNET_TEMPORAL_PORT');
      await assertPortFree(config.temporalUiPort, 'MIGNET_TEMPORAL_UI_PORT');
    }
    if (!config.smtpUrl) await assertPortFree(config.embeddedSmtpPort, 'MIGNET_SMTP_PORT');
    let databaseUrl = config.databaseUrl;
    let databaseOwnerUrl = config.databaseOwnerUrl;
    if (!databaseUrl) {
      const pgDataDir = reachableDataDir(join(config.dataDir, 'postgres'));
      log.log(`Starting embedded PostgreSQL on port ${config.embeddedPostgresPort} (data in ${pgDataDir}) ...`);
      const pg = await startEmbeddedPostgres({
        dataDir: pgDataDir,
        port: config.embeddedPostgresPort,
        database: 'mignet',
      });
      stops.push(() => pg.stop());
      databaseOwnerUrl = pg.url; // migrations and seeds; the API and the worker run as a role that owns nothing
      databaseUrl = withRole(pg.url, EMBEDDED_APP_ROLE.role, EMBEDDED_APP_ROLE.password);
    }
    let temporalAddress = config.temporalAddress;
    let temporalUi: string | undefined;
    if (!temporalAddress) {
      const cli = locateTemporalCli();
      log.log(`Starting the Temporal dev server on port ${config.temporalPort}: ${describeTemporalCli(cli)} ...`);
      const server = await startTemporalDevServer({
        cli,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        dbFilename: join(config.dataDir, 'temporal.db'),
        namespace: config.temporalNamespace,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiAddress;
    }
    let smtpUrl = config.smtpUrl;
    const mailDir = join(config.dataDir, 'mail');
    if (!smtpUrl) {
      // Mail goes nowhere beyond this machine: each message is kept as a file, and the coordinator reads what was
      // sent with GET /networks/{n}/notifications.
      mkdirSync(mailDir, { recursive: true });
      const sink = await startSmtpSink({
        port: config.embeddedSmtpPort,
        onMail: (mail) => {
          const file = join(
            mailDir,
            `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`,
          );
          writeFileSync(file, mail.raw);
          log.log(`Mail to ${mail.to.join(', ')} kept in ${file}`);
        },
        onClientError: (err) => log.warn(`The local mail sink lost a client: ${err.message}`),
      });
      stops.push(() => sink.close());
      smtpUrl = sink.url;
    }
    const resolved: Config & { databaseUrl: string; temporalAddress: string } = {
      ...config,
      databaseUrl,
      databaseOwnerUrl,
      temporalAddress,
      smtpUrl,
    };

    const { keys, example, administrator, coordinator } = await prepareDatabase(resolved, { example: true });

    const worker = await createWorkerApp(resolved, processLog);
    stops.push(() => worker.context.close());
    worker.done.catch((err: unknown) => {
      log.error(`The Temporal worker stopped: ${String(err)}`);
      void stopAll(1);
    });
    const api = await createApiApp(resolved, processLog);
    stops.push(() => api.close());
    await api.listen(config.port, config.host);

    // The address it listens on (127.0.0.1 unless HOST says otherwise), not a name that may resolve elsewhere.
    const url = `http://${urlHost(config.host)}:${config.port}`;
    const signIn = config.signInLinks ? await signInLink(api, coordinator, config.publicUrl ?? url) : undefined;
    const lines = [
      '',
      'mignet is running. Ctrl-C stops everything it started.',
      `  Web app      ${url}/app/${signIn ? '  (sign in with the link below)' : ''}`,
      `  API          ${url}`,
      `  OpenAPI      ${url}/docs  (JSON: ${url}/docs-json)`,
      `  Health       ${url}/health`,
      `  Temporal     ${temporalAddress} (namespace ${config.temporalNamespace}, task queue ${config.temporalTaskQueue})`,
      ...(temporalUi ? [`  Temporal UI  ${temporalUi}`] : []),
      `  Mail         ${config.smtpUrl ? smtpUrl : `a local sink on ${smtpUrl}: each message is kept in ${mailDir}`}`,
      ...(config.databaseUrl
        ? []
        : [`  PostgreSQL   DATABASE_URL=${databaseUrl} (the tables' owner: ${databaseOwnerUrl})`]),
      '',
      `API keys for network "${TIMOR_LESTE.code}" (also in ${seedKeysFile(config)}):`,
      ...formatKeys(keys),
      '',
      `API keys for the fictional network "${EXAMPLE_NETWORK.code}", which Timor-Leste's keys cannot see (and the reverse):`,
      ...formatKeys(example ?? []),
      '',
      'The platform administrator, who creates networks (POST /networks) and reads none of their content:',
      ...formatKeys([administrator]),
      '',
      ...(signIn
        ? [
            `Sign in in a browser as ${EMBEDDED_COORDINATOR.name} (${EMBEDDED_COORDINATOR.email}), the coordinator of "${TIMOR_LESTE.code}" (the example network has one of the same address: a sign-in link is for one person, an OpenID sign-in would be both):`,
            `  ${signIn.link}`,
            `  (works once, until ${signIn.expiresAt}; each start prints a new one)`,
            '',
          ]
        : []),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (err) {
    // One line that names the cause (each start step's error says what to change); the stack only on request.
    log.error(`mignet could not start: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.MIGNET_DEBUG && err instanceof Error) log.error(err.stack ?? '');
    log.log('Stopping what had started ...');
    await stopAll(1);
  }
}

/** A host as a URL writes it: every interface as the loopback address that reaches it here, IPv6 in brackets. */
/** A one-time sign-in link for the seeded coordinator (sign-in links being on: no OpenID provider, or told so). */
async function signInLink(api: INestApplication, personId: string | undefined, origin: string) {
  const sessions = api.get(SessionsService);
  if (!personId) return undefined;
  const person = await api.get(DataSource).getRepository(PersonEntity).findOneByOrFail({ id: personId });
  return person.active ? sessions.issueLink(person, origin) : undefined;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      reject(
        new Error(
          `Port ${port} is already in use (another mignet or server still running?): stop it, or set ${variable}`,
        ),
      );
    });
    socket.once('error', () => resolve());
  });
}

void main();
