/** The process's pino logger (libs/observability/logger.ts), for what writes to it directly: the Temporal runtime. */
export const PROCESS_LOGGER = Symbol('PROCESS_LOGGER');
