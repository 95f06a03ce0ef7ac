import { join, resolve } from 'node:path';

import { LOG_LEVELS, LogFormat, LogLevelName } from '../observability/logger';
import { TemporalConnection } from '../temporal/connection';

/**
 * The whole configuration, read from the environment once at boot and validated (STYLE 10): a bad value stops the
 * process with a message that names the variable.
 */
export interface Config {
  /** PostgreSQL URL; absent means `npm start` runs the embedded PostgreSQL. */
  readonly databaseUrl?: string;
  /** Connections in the pg pool; the worker runs at most this many activities at once. */
  readonly databasePoolSize: number;
  /** host:port of the Temporal frontend; absent means `npm start` runs the dev server. */
  readonly temporalAddress?: string;
  readonly temporalNamespace: string;
  /** TLS and API key for Temporal (TEMPORAL_TLS*, TEMPORAL_API_KEY, or a TEMPORAL_PROFILE of TEMPORAL_CONFIG_FILE). */
  readonly temporalConnection: TemporalConnection;
  readonly temporalTaskQueue: string;
  /** Prebuilt workflow bundle (from `npm run build`); absent means bundle the sources at worker start. */
  readonly workflowBundlePath?: string;
  readonly port: number;
  /** The interface the API listens on: loopback by default, `0.0.0.0` in a container. */
  readonly host: string;
  /** Requests a minute one API key may make, and one client address; then 429 with Retry-After. */
  readonly rateLimitPerKey: number;
  readonly rateLimitPerAddress: number;
  /** Proxies in front of the API whose X-Forwarded-For is trusted for the client address (0: none). */
  readonly trustProxyHops: number;
  /** Failed authentications a minute from one client address before it gets 429. */
  readonly authFailuresPerAddress: number;
  /** Where the embedded services keep their state. */
  readonly dataDir: string;
  /** The Ed25519 key (PKCS#8 PEM) the API signs audit rows and exports with; made there on first start if missing. */
  readonly auditSigningKeyFile: string;
  /** How often the audit log's head is recorded in Temporal (`audit-anchor:{network}`); 0: never. */
  readonly auditAnchorEveryMs: number;
  /** The role migrations and grants run as (the tables' owner); absent: DATABASE_URL's, and no separate app role. */
  readonly databaseOwnerUrl?: string;
  /** The lowest level logged, and how: JSON lines (default) or text for a terminal (`npm start`'s default). */
  readonly logLevel: LogLevelName;
  readonly logFormat?: LogFormat;
  /** The worker's own HTTP port: /live, /ready and /metrics (0: none). Listens on `host`. */
  readonly workerHttpPort: number;
  /** Where the Temporal SDK's Prometheus exporter listens, on 127.0.0.1 (0: off); the worker's /metrics serves it too. */
  readonly temporalMetricsPort: number;
  /**
   * Where people reach the API and its pages (https in production): sign-in links and the OpenID redirect are made
   * from it, and an https one makes the session cookie `Secure`. Absent: the address each request came to.
   */
  readonly publicUrl?: string;
  /** The OpenID Connect provider people sign in with (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET); absent: none. */
  readonly oidc?: OidcConfig;
  /** One-time sign-in links (a coordinator issues them; `npm start` prints one): on by default where no provider is. */
  readonly signInLinks: boolean;
  readonly signInLinkHours: number;
  /** How long a session lasts from sign-in. */
  readonly sessionHours: number;
  /**
   * The SMTP server mail leaves through (`smtp://user:pass@host:587`, `smtps://…:465`); absent: `npm start` runs a local
   * sink on MIGNET_SMTP_PORT, and a worker started alone leaves mail waiting in the outbox.
   */
  readonly smtpUrl?: string;
  /** The sender of every mail. */
  readonly mailFrom: string;
  /** Whether processes' facts are written to the outbox at all (NOTIFICATIONS=off: nobody is told). */
  readonly notifications: boolean;
  /** How often the dispatcher looks for mail to send. */
  readonly outboxPollMs: number;
  /**
   * Webhook hosts allowed although they are loopback or private (WEBHOOK_ALLOW_HOSTS, comma-separated names or
   * addresses): by default a webhook may only reach the public internet, so a coordinator cannot point one inside.
   */
  readonly webhookAllowHosts: readonly string[];
  readonly embeddedSmtpPort: number;
  readonly embeddedPostgresPort: number;
  readonly temporalPort: number;
  readonly temporalUiPort: number;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Take an address the provider does not mark `email_verified` (one that vouches for every address it gives). */
  readonly trustUnverifiedEmail?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  let temporalConnection = new TemporalConnection({});
  try {
    temporalConnection = TemporalConnection.fromEnvironment(env);
  } catch (err) {
    problems.push(`The Temporal connection profile: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The variable, else the profile's: a TEMPORAL_CONFIG_FILE profile may give the address and the namespace.
  const temporalAddress = str('TEMPORAL_ADDRESS') ?? temporalConnection.address;
  if (temporalAddress && !/^[^\s:/]+:\d{1,5}$/.test(temporalAddress)) {
    problems.push(`TEMPORAL_ADDRESS=${temporalAddress} must be host:port, e.g. localhost:7233`);
  }
  const taskQueue = str('TEMPORAL_TASK_QUEUE') ?? 'mignet';
  const dataDir = resolve(str('MIGNET_DATA_DIR') ?? '.data');
  const databaseOwnerUrl = str('DATABASE_OWNER_URL');
  const auditAnchorEveryMs = int('AUDIT_ANCHOR_EVERY_MS', 300_000, 0, 86_400_000);
  if (auditAnchorEveryMs !== 0 && auditAnchorEveryMs < 10_000)
    problems.push(`AUDIT_ANCHOR_EVERY_MS=${auditAnchorEveryMs} must be 0 (never) or at least 10000`);
  if (databaseOwnerUrl && !/^postgres(ql)?:\/\//.test(databaseOwnerUrl))
    problems.push('DATABASE_OWNER_URL must be a postgres:// or postgresql:// URL');
  if (databaseOwnerUrl && !databaseUrl)
    problems.push('DATABASE_OWNER_URL needs DATABASE_URL: the role the API and the worker connect as');
  const logLevel = (str('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevelName;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = str('LOG_FORMAT') as LogFormat | undefined;
  if (logFormat && logFormat !== 'json' && logFormat !== 'text')
    problems.push(`LOG_FORMAT=${logFormat} must be json or text`);
  const publicUrl = str('PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^\s/]+$/.test(publicUrl))
    problems.push(`PUBLIC_URL=${publicUrl} must be an http(s) origin without a path, e.g. https://mignet.example.org`);
  const issuer = str('OIDC_ISSUER');
  const clientId = str('OIDC_CLIENT_ID');
  if (issuer && !clientId)
    problems.push('OIDC_ISSUER needs OIDC_CLIENT_ID: the client this deployment is at the provider');
  if (issuer && !/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(issuer))
    problems.push(`OIDC_ISSUER=${issuer} must be an https URL (http only on localhost, for tests)`);
  // The redirect URI, the cookies' Secure flag and the CSRF origin must not come from a request's Host header.
  if (issuer && !publicUrl) problems.push('OIDC_ISSUER needs PUBLIC_URL: the address people reach mignet at');
  const smtpUrl = str('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl))
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587');
  const notifications = str('NOTIFICATIONS') ?? 'on';
  if (notifications !== 'on' && notifications !== 'off')
    problems.push(`NOTIFICATIONS=${notifications} must be on or off`);
  const signInLinks = str('SIGN_IN_LINKS');
  if (signInLinks && signInLinks !== 'true' && signInLinks !== 'false')
    problems.push(`SIGN_IN_LINKS=${signInLinks} must be true or false`);
  const config: Config = {
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 2, 200),
    temporalAddress,
    temporalNamespace: str('TEMPORAL_NAMESPACE') ?? temporalConnection.namespace ?? 'default',
    temporalConnection,
    temporalTaskQueue: taskQueue,
    workflowBundlePath: str('WORKFLOW_BUNDLE_PATH'),
    port: int('PORT', 3000, 0, 65535),
    host: str('HOST') ?? '127.0.0.1',
    rateLimitPerKey: int('RATE_LIMIT_PER_KEY', 600, 1, 1_000_000),
    rateLimitPerAddress: int('RATE_LIMIT_PER_ADDRESS', 1200, 1, 1_000_000),
    trustProxyHops: int('TRUST_PROXY', 0, 0, 10),
    authFailuresPerAddress: int('AUTH_FAILURES_PER_ADDRESS', 20, 1, 1_000_000),
    dataDir,
    auditSigningKeyFile: resolve(str('AUDIT_SIGNING_KEY_FILE') ?? join(dataDir, 'audit-signing-key.pem')),
    auditAnchorEveryMs,
    databaseOwnerUrl,
    logLevel,
    logFormat,
    workerHttpPort: int('WORKER_HTTP_PORT', 9464, 0, 65535),
    temporalMetricsPort: int('TEMPORAL_METRICS_PORT', 9465, 0, 65535),
    publicUrl,
    oidc:
      issuer && clientId
        ? {
            issuer,
            clientId,
            clientSecret: str('OIDC_CLIENT_SECRET'),
            trustUnverifiedEmail: str('OIDC_TRUST_UNVERIFIED_EMAIL') === 'true',
          }
        : undefined,
    signInLinks: signInLinks ? signInLinks === 'true' : !issuer,
    signInLinkHours: int('SIGN_IN_LINK_HOURS', 24, 1, 24 * 14),
    sessionHours: int('SESSION_HOURS', 12, 1, 24 * 30),
    smtpUrl,
    mailFrom: str('MAIL_FROM') ?? 'mignet <mignet@localhost>',
    notifications: notifications === 'on',
    outboxPollMs: int('OUTBOX_POLL_MS', 1_000, 50, 60_000),
    webhookAllowHosts: (str('WEBHOOK_ALLOW_HOSTS') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    embeddedSmtpPort: int('MIGNET_SMTP_PORT', 2525, 1, 65535),
    embeddedPostgresPort: int('MIGNET_POSTGRES_PORT', 54329, 1, 65535),
    temporalPort: int('MIGNET_TEMPORAL_PORT', 7233, 1, 65535),
    temporalUiPort: int('MIGNET_TEMPORAL_UI_PORT', 8233, 1, 65535),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The single-process commands (`start:api`, `start:worker`) run against external services only. */
export function requireExternalServices(config: Config): Config & { databaseUrl: string; temporalAddress: string } {
  const missing = [
    config.databaseUrl ? undefined : 'DATABASE_URL is required (e.g. postgres://mignet:mignet@localhost:5432/mignet)',
    config.temporalAddress ? undefined : 'TEMPORAL_ADDRESS is required (e.g. localhost:7233)',
  ].filter((p): p is string => p !== undefined);
  if (missing.length > 0) throw new ConfigError(missing);
  return config as Config & { databaseUrl: string; temporalAddress: string };
}
