import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { isPostgresUnavailable } from '../../../libs/persistence/postgres-errors';
import { AuditService } from '../audit/audit.service';
import { AppError, DEPENDENCY_RETRY_AFTER_S } from './app-error';
import { sendError } from './error-body';
import { ErrorCode, httpStatusOf } from './error-code';

/**
 * One place that turns any thrown error into the common error body (STYLE 11). A 500 never leaks internals: the
 * caller gets the request id, the log gets the stack.
 */
@Catch()
@Injectable()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly audit: AuditService) {}

  /** A rejected command is audited like an accepted one, before its answer leaves. */
  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = this.toAppError(exception, req);
    if (error.code === ErrorCode.POSTGRES_UNAVAILABLE) {
      this.logger.warn(
        `${req.method} ${req.originalUrl} [${req.requestId}]: PostgreSQL unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
    }
    if (error.code === ErrorCode.INTERNAL) {
      this.logger.error(
        `${req.method} ${req.originalUrl} [${req.requestId}]`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    await this.audit.record(req, { status: httpStatusOf(error.code), errorCode: error.code });
    sendError(req, res, error);
  }

  private toAppError(exception: unknown, req: Request): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      // What Nest itself throws: an unknown route, or a body too large for the parser.
      switch (exception.getStatus()) {
        case HttpStatus.NOT_FOUND:
          return new AppError(ErrorCode.ROUTE_NOT_FOUND, `No route ${req.method} ${req.path}`);
        case HttpStatus.PAYLOAD_TOO_LARGE:
          return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
        case HttpStatus.BAD_REQUEST:
          return new AppError(ErrorCode.VALIDATION_FAILED, exception.message);
        case HttpStatus.TOO_MANY_REQUESTS:
          return new AppError(ErrorCode.RATE_LIMITED, exception.message);
        case HttpStatus.METHOD_NOT_ALLOWED:
        case HttpStatus.NOT_ACCEPTABLE:
        case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
          return new AppError(ErrorCode.VALIDATION_FAILED, exception.message);
      }
    }
    if (isPostgresUnavailable(exception)) {
      return new AppError(
        ErrorCode.POSTGRES_UNAVAILABLE,
        `PostgreSQL cannot be reached or is not taking work: try again in ${DEPENDENCY_RETRY_AFTER_S} s`,
        [],
        DEPENDENCY_RETRY_AFTER_S,
      );
    }
    return new AppError(
      ErrorCode.INTERNAL,
      `Internal error; quote request id ${req.requestId ?? 'unknown'} when reporting it`,
    );
  }
}
