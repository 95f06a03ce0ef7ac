import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';

/**
 * The API's Temporal client. The connection is lazy, so the API starts (and /health says why) while Temporal is
 * still coming up; the first call connects.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@Inject(CONFIG) config: Config) {
    if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
    // A short connect timeout: a request (or /health) waiting on a dead Temporal fails in seconds, not minutes.
    this.connection = Connection.lazy({ address: config.temporalAddress, connectTimeout: '3 seconds' });
    this.client = new Client({ connection: this.connection, namespace: config.temporalNamespace });
    this.taskQueue = config.temporalTaskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
