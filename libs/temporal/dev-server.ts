import { TestWorkflowEnvironment } from '@temporalio/testing';

import { SEARCH_ATTRIBUTES } from './search-attributes';
import { locateTemporalCli, TemporalCli } from './temporal-cli';

export interface DevServerOptions {
  /** gRPC port; 0 picks a free one. */
  readonly port: number;
  /** Web UI port; omitted means headless (tests). */
  readonly uiPort?: number;
  /** SQLite file that keeps workflows across restarts; omitted means in memory (tests). */
  readonly dbFilename?: string;
  readonly namespace: string;
  readonly cli?: TemporalCli;
}

export interface DevServer {
  readonly address: string;
  readonly uiAddress?: string;
  readonly cli: TemporalCli;
  stop(): Promise<void>;
}

/**
 * Starts the official Temporal dev server (`temporal server start-dev`), the real server, not a mock. The SDK's
 * ephemeral-server launcher runs it, so an installed CLI and the SDK's own download go through one code path.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = options.cli ?? locateTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable:
        cli.source === 'sdk-download' ? { type: 'cached-download' } : { type: 'existing-path', path: cli.path },
      ip: '127.0.0.1',
      port: options.port || undefined,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      namespace: options.namespace,
      dbFilename: options.dbFilename,
      searchAttributes: [...SEARCH_ATTRIBUTES],
      // SQLite tuned for a dev box: WAL and no fsync per commit (the state is a developer's, not production's).
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'],
      log: { format: 'pretty', level: 'warn' },
    },
  });
  const address = env.address;
  return {
    address,
    uiAddress: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    cli,
    stop: () => env.teardown(),
  };
}
