import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';

import type { Config } from '../../../libs/config/config';
import { CONFIG } from '../../common/config.token';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';

/** How long one API call may wait on Temporal before the caller gets 503. */
const CALL_DEADLINE_MS = 10_000;
// gRPC status codes that mean "Temporal cannot be reached", not "Temporal said no".
const UNREACHABLE = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

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

  /** Runs a call against Temporal with a deadline; unreachable or too slow becomes 503 TEMPORAL_UNAVAILABLE. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.connection.withDeadline(Date.now() + CALL_DEADLINE_MS, fn);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      const grpc = [err, cause].find(isGrpcServiceError);
      const connectFailed = err instanceof Error && /Failed to connect|connect ECONNREFUSED|deadline/i.test(err.message);
      if ((grpc && UNREACHABLE.has(grpc.code)) || connectFailed) {
        throw new AppError(
          ErrorCode.TEMPORAL_UNAVAILABLE,
          'Temporal did not answer in time or cannot be reached: check whether the command took effect before sending it again',
        );
      }
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
