import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Connection } from '@temporalio/client';
import Long from 'long';

import { version as VERSION } from '../../scripts/temporal-server-version.json';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export { VERSION as TEMPORAL_SERVER_VERSION };

const ROOT = join(__dirname, '..', '..');
const INSTALLED = join(ROOT, 'tools', 'temporal-server', VERSION);

/** The PostgreSQL server Temporal keeps its state in: a role that may create databases. */
export interface TemporalPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/**
 * The Temporal server production runs (not the dev server): the `temporal-server` binary of
 * scripts/install-temporal-server.js on PostgreSQL, its schema set up with its own temporal-sql-tool. Installs the
 * binary on first use (a Go build, cached per machine).
 */
export class TemporalServer {
  private proc?: ChildProcess;
  private output = '';
  /** Starts of the process after the first; and exits it made on its own (not stop()). */
  restarts = 0;
  crashes = 0;
  private stopping = false;

  private constructor(
    readonly address: string,
    private readonly root: string,
    private readonly tls?: FrontendTls,
  ) {}

  /**
   * Sets up the `temporal` and `temporal_visibility` databases (create, schema 0.0, then every versioned update, as
   * the admin-tools job of docker-compose.yml does), writes a server configuration on free ports into `dir`, and
   * starts the server; resolves once the `default` namespace answers.
   */
  static async start(dir: string, pg: TemporalPostgres, tls?: FrontendTls): Promise<TemporalServer> {
    installTemporalServer();
    for (const [db, schema] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ]) {
      const sql = (...args: string[]) =>
        execFileSync(
          join(INSTALLED, 'temporal-sql-tool'),
          [
            '--plugin',
            'postgres12',
            '--ep',
            pg.host,
            '-p',
            String(pg.port),
            '-u',
            pg.user,
            '--pw',
            pg.password,
            '--db',
            db,
            ...args,
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        );
      sql('create-database');
      sql('setup-schema', '-v', '0.0');
      sql('update-schema', '-d', join(INSTALLED, 'schema', 'postgresql', 'v12', schema, 'versioned'));
    }
    // Below the OS's range for its own picks: bound again at every restart, when a reconnect may have taken an ephemeral one.
    const ports = { frontend: await freePort(32_768), http: await freePort(32_768), metrics: await freePort(32_768) };
    // Membership ports are kept in a smallint column: below 32768, under the OS's range for its own picks.
    const membership = {
      history: await freePort(32_768),
      matching: await freePort(32_768),
      worker: await freePort(32_768),
    };
    const grpc = { history: await freePort(32_768), matching: await freePort(32_768), worker: await freePort(32_768) };
    const frontendMembership = await freePort(32_768);
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'config', 'dynamicconfig.yaml'), DYNAMIC_CONFIG);
    writeFileSync(
      join(dir, 'config', 'production.yaml'),
      serverConfig({
        pg,
        ports,
        grpc,
        membership,
        frontendMembership,
        dynamicConfig: join(dir, 'config', 'dynamicconfig.yaml'),
        tls,
      }),
    );
    const server = new TemporalServer(`127.0.0.1:${ports.frontend}`, dir, tls);
    await server.launch();
    await server.createNamespace('default').catch(async (err: unknown) => {
      await server.stop();
      throw new Error(
        `the Temporal server took no namespace: ${String(err)} (its log: ${join(dir, 'temporal-server.log')})`,
      );
    });
    return server;
  }

  private async launch(): Promise<void> {
    this.output = '';
    this.stopping = false;
    const proc = spawn(
      join(INSTALLED, 'temporal-server'),
      ['--root', this.root, '--config', 'config', '--env', 'production', '--allow-no-auth', 'start'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const file = createWriteStream(join(this.root, 'temporal-server.log'), { flags: 'a' });
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-100_000);
      file.write(chunk);
    };
    proc.once('exit', () => file.end());
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.once('exit', () => {
      if (!this.stopping) this.crashes++;
    });
    this.proc = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`temporal-server exited ${code}:\n${this.output.slice(-3000)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([
      waitFor(async () => (await this.healthy()) || undefined, `the Temporal server on ${this.address}`, 90_000),
      exited,
    ]);
  }

  /** Whether the frontend answers a health check (what docker-compose's health check asks too). */
  async healthy(): Promise<boolean> {
    const connection = await Connection.connect({ ...this.connectOptions(), connectTimeout: 2_000 }).catch(
      () => undefined,
    );
    if (!connection) return false;
    try {
      const { status } = await connection.healthService.check({});
      return status === 1; // SERVING
    } catch {
      return false;
    } finally {
      await connection.close();
    }
  }

  /** Registers the namespace where missing, then waits until it takes a workflow call (the frontend caches namespaces). */
  async createNamespace(namespace: string): Promise<void> {
    const connection = await Connection.connect(this.connectOptions());
    try {
      await connection.workflowService
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(7 * 86_400) } })
        .catch((err: { code?: number }) => {
          if (err.code !== 6) throw err; // ALREADY_EXISTS
        });
      await waitFor(
        () =>
          connection.workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1 }).then(
            () => true,
            () => undefined,
          ),
        `namespace ${namespace}`,
        60_000,
      );
    } finally {
      await connection.close();
    }
  }

  /** How a client reaches it: over TLS with the test CA when it was started with TLS. */
  connectOptions(): { address: string; tls?: { serverNameOverride: string; serverRootCACertificate: Buffer } } {
    return this.tls
      ? {
          address: this.address,
          tls: { serverNameOverride: this.tls.serverName, serverRootCACertificate: readFileSync(this.tls.caFile) },
        }
      : { address: this.address };
  }

  /** Stops the server (SIGTERM, SIGKILL after 20 s). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.restarts++;
    await this.launch();
  }

  /** Starts it again if it exited on its own (what a supervisor such as compose's `restart:` does). */
  async reviveIfExited(): Promise<boolean> {
    if (this.stopping || !this.proc || (this.proc.exitCode === null && this.proc.signalCode === null)) return false;
    this.restarts++;
    await this.launch();
    return true;
  }

  get log(): string {
    return this.output;
  }
}

/** Runs scripts/install-temporal-server.js when the binary is not in tools/ yet (a Go build, once per machine). */
export function installTemporalServer(): void {
  if (existsSync(join(INSTALLED, '.complete'))) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'install-temporal-server.js')], { stdio: 'inherit' });
}

/** The frontend's TLS: its certificate and key, and the CA and name clients (the server's own worker service too) check. */
export interface FrontendTls {
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
  readonly serverName: string;
}

/**
 * A CA and a certificate for localhost and 127.0.0.1 signed by it, made with openssl into `dir` (a test's: they live
 * for a day).
 */
export function makeTestCertificates(dir: string): FrontendTls {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=mignet test CA',
  );
  openssl('req', ...key, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.pem'),
    '-days',
    '1',
    '-extfile',
    f('san.ext'),
  );
  return { certFile: f('server.pem'), keyFile: f('server.key'), caFile: f('ca.pem'), serverName: 'localhost' };
}

/** Short polls and a fresh search-attribute cache, as a test needs; the rest is the server's defaults. */
const DYNAMIC_CONFIG = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
limit.maxIDLength:
  - value: 255
    constraints: {}
`;

function serverConfig(o: {
  pg: TemporalPostgres;
  ports: { frontend: number; http: number; metrics: number };
  grpc: { history: number; matching: number; worker: number };
  membership: { history: number; matching: number; worker: number };
  frontendMembership: number;
  dynamicConfig: string;
  tls?: FrontendTls;
}): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${o.pg.host}:${o.pg.port}"
        connectProtocol: tcp
        user: ${JSON.stringify(o.pg.user)}
        password: ${JSON.stringify(o.pg.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, extra = '') => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store('temporal', 8)}
    visibility:${store('temporal_visibility', 2)}
global:${
    o.tls
      ? `
  tls:
    frontend:
      server:
        certFile: ${JSON.stringify(o.tls.certFile)}
        keyFile: ${JSON.stringify(o.tls.keyFile)}
        requireClientAuth: false
      client:
        serverName: ${o.tls.serverName}
        rootCaFiles:
          - ${JSON.stringify(o.tls.caFile)}`
      : ''
  }
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:${o.ports.metrics}
services:
  frontend:${service(o.ports.frontend, o.frontendMembership, `\n      httpPort: ${o.ports.http}`)}
  history:${service(o.grpc.history, o.membership.history)}
  matching:${service(o.grpc.matching, o.membership.matching)}
  worker:${service(o.grpc.worker, o.membership.worker)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${o.ports.frontend}
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${JSON.stringify(o.dynamicConfig)}
  pollInterval: 10s
`;
}
