import { inspect } from 'node:util';

import type { ConnectionOptions } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';

/**
 * How to reach Temporal beyond its address: TLS (a CA, a client certificate, a server name) and an API key, as
 * Temporal's own environment configuration gives them (`@temporalio/envconfig`: the TEMPORAL_* variables, or a
 * profile of the TOML file at TEMPORAL_CONFIG_FILE, chosen by TEMPORAL_PROFILE; the variables win). Temporal Cloud
 * and a TLS cluster need it; the dev server needs none of it.
 *
 * The secrets are kept where no log line, JSON or `inspect` of the config can print them.
 */
export class TemporalConnection {
  readonly address?: string;
  readonly namespace?: string;
  readonly #secret: Pick<ConnectionOptions, 'tls' | 'metadata'> & { apiKey?: string };

  constructor(options: ConnectionOptions & { namespace?: string }) {
    const { address, namespace, tls, apiKey, metadata } = options;
    this.address = address;
    this.namespace = namespace;
    this.#secret = { tls: asBuffers(tls), apiKey: typeof apiKey === 'string' ? apiKey : undefined, metadata };
  }

  static fromEnvironment(env: NodeJS.ProcessEnv): TemporalConnection {
    const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    let loaded: ReturnType<typeof loadClientConnectConfig>;
    try {
      // The TOML file only when asked for: a developer's Temporal CLI profile must not turn `npm start` to its cluster.
      loaded = loadClientConnectConfig({
        overrideEnvVars: defined,
        disableFile: !defined.TEMPORAL_CONFIG_FILE && !defined.TEMPORAL_PROFILE,
      });
    } catch (err) {
      // A TOML parse error quotes the lines around it, which may hold the API key: say where, not what.
      const at = err as { line?: number; column?: number; message?: string };
      if (typeof at.line === 'number')
        throw new Error(
          `${defined.TEMPORAL_CONFIG_FILE ?? 'the Temporal config file'} is not valid TOML (line ${at.line}, column ${at.column})`,
        );
      throw err;
    }
    const { connectionOptions, namespace } = loaded;
    return new TemporalConnection({ ...connectionOptions, namespace } as ConnectionOptions & { namespace?: string });
  }

  /** For `Connection.connect` and `NativeConnection.connect` (the same shape): `address` given wins over the profile's. */
  options(address: string): ConnectionOptions & { address: string; apiKey?: string } {
    const { tls, apiKey, metadata } = this.#secret;
    return {
      address,
      ...(tls !== undefined ? { tls } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(metadata ? { metadata } : {}),
    };
  }

  /** `TLS (server name localhost, CA given, client certificate), API key`: what a start-up line may say. */
  describe(): string {
    const { tls, apiKey } = this.#secret;
    const parts: string[] = [];
    if (tls && typeof tls === 'object') {
      const t = tls as { serverNameOverride?: string; serverRootCACertificate?: unknown; clientCertPair?: unknown };
      const what = [
        t.serverNameOverride ? `server name ${t.serverNameOverride}` : undefined,
        t.serverRootCACertificate ? 'CA given' : 'system CAs',
        t.clientCertPair ? 'client certificate' : undefined,
      ].filter(Boolean);
      parts.push(`TLS (${what.join(', ')})`);
    } else parts.push(tls ? 'TLS' : 'plaintext');
    if (apiKey) parts.push('API key');
    return parts.join(', ');
  }

  toJSON(): object {
    return { address: this.address, namespace: this.namespace, security: this.describe() };
  }

  [inspect.custom](): string {
    return `TemporalConnection(${this.describe()})`;
  }
}

/**
 * envconfig reads certificates as Uint8Arrays and leaves absent parts as undefined keys; the client's gRPC channel
 * wants Buffers and no such keys (it takes them for given).
 */
function asBuffers(tls: ConnectionOptions['tls']): ConnectionOptions['tls'] {
  if (!tls || typeof tls !== 'object') return tls;
  const buffer = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v) : v);
  const pair = tls.clientCertPair;
  return Object.fromEntries(
    Object.entries({
      ...tls,
      serverRootCACertificate: buffer(tls.serverRootCACertificate),
      clientCertPair: pair ? { crt: buffer(pair.crt), key: buffer(pair.key) } : undefined,
    }).filter(([, v]) => v !== undefined),
  ) as ConnectionOptions['tls'];
}
