import type { LoggerService } from '@nestjs/common';
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino from 'pino';

import { currentLogContext } from './log-context';

export type LogFormat = 'json' | 'text';
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Where lines go: stdout by default; tests pass a stream of their own. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * The one logger of a process: JSON lines (pino) with the current request's id, network, person and workflow id
 * on every line, for the API's lines, Nest's own, the Temporal SDK's and its Rust core's alike. `text` prints the
 * same lines for a person at a terminal (`npm start`).
 */
export function createLogger(options: {
  level: LogLevelName;
  format: LogFormat;
  service: string;
  destination?: LogDestination;
}): pino.Logger {
  const out = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogContext() }),
    },
    options.format === 'text' ? { write: (line: string) => out.write(asText(line)) } : out,
  );
}

const SHOWN_FIRST = ['time', 'level', 'service', 'context', 'msg'];

/** `20:14:03 INFO  [api] API on http://… requestId=… network=tl`, from one JSON line. */
function asText(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  const time = String(entry.time ?? '').slice(11, 19);
  const level = String(entry.level ?? '')
    .toUpperCase()
    .padEnd(5);
  const context = entry.context ? `[${String(entry.context)}] ` : '';
  const rest = Object.entries(entry)
    .filter(([k, v]) => !SHOWN_FIRST.includes(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${level} ${context}${String(entry.msg ?? '')}${rest ? `  ${rest}` : ''}\n`;
}

/** Nest's start-up lines (each module, each route mapped): a debug matter, not an operator's. */
const NEST_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Nest's LoggerService over the process's logger: `new Logger('audit').log(…)` becomes a line with context=audit. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: pino.Logger) {}
  log(message: unknown, ...rest: unknown[]): void {
    this.write(NEST_CHATTER.has(rest.at(-1) as string) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context last, and for errors a stack before it. */
  private write(level: LogLevelName, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

const TEMPORAL_LEVEL: Record<TemporalLogLevel, LogLevelName> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The Temporal SDK's Logger over the process's logger: worker, workflow, activity and (forwarded) Rust core lines. */
export class TemporalPinoLogger implements TemporalLogger {
  constructor(private readonly logger: pino.Logger) {}
  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    this.logger[TEMPORAL_LEVEL[level]]({ context: 'temporal', ...meta }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** Nest's names for levels, as tests pass them (`['error']`), in pino's terms. */
const NEST_LEVEL: Record<string, LogLevelName> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * The logger a process runs with: the one given; or, from Nest-style levels (`['error']`: what tests ask for), one
 * at the lowest of them (`false`: none); or, by default, the configured one.
 */
export function processLogger(
  config: { readonly logLevel: LogLevelName; readonly logFormat?: LogFormat },
  service: string,
  given?: pino.Logger | readonly string[] | false,
): pino.Logger {
  if (given && !Array.isArray(given)) return given as pino.Logger;
  if (given === false) return createLogger({ level: 'fatal', format: 'json', service }).child({}, { level: 'silent' });
  const levels = Array.isArray(given) ? given.map((l) => NEST_LEVEL[l]).filter(Boolean) : undefined;
  const level = levels?.length ? LOG_LEVELS.find((l) => levels.includes(l))! : config.logLevel;
  return createLogger({ level, format: config.logFormat ?? 'json', service });
}
