import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

import { TemporalPinoLogger } from './logger';

/**
 * Installs the Temporal SDK's runtime (once per process, before any worker or dev server): its worker, workflow and
 * activity lines and its Rust core's go to `logger`; its metrics to a Prometheus exporter on 127.0.0.1:`metricsPort`
 * (0: none). False when a runtime was already installed (a test's, or `npm start`'s, which installs it first).
 */
export function installTemporalRuntime(logger: Logger, metricsPort: number): boolean {
  try {
    Runtime.install({
      logger: new TemporalPinoLogger(logger),
      telemetryOptions: {
        logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'WARN' }) },
        ...(metricsPort > 0 ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } : {}),
      },
    });
    return true;
  } catch (err) {
    if (err instanceof Error && /already been (installed|instantiated)/.test(err.message)) return false;
    throw err;
  }
}
