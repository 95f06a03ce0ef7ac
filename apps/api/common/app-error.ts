import type { FieldError } from '../../../libs/domain/field-error';
import { ErrorCode } from './error-code';

/** What a caller is told to wait (Retry-After) before trying again when Temporal or PostgreSQL is down. */
export const DEPENDENCY_RETRY_AFTER_S = 5;

/** A domain error that services throw; the exception filter turns it into the common error body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly FieldError[] = [],
    /** Sent as Retry-After: when a limit lifts, or when a dependency that is down is worth trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(details: readonly FieldError[]): AppError {
    return new AppError(ErrorCode.VALIDATION_FAILED, details.map((d) => `${d.field} ${d.message}`).join('; '), details);
  }
}

/** The body of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly message: string;
  /** One entry per invalid field, naming it (`calendar.quarters[1].end`). */
  readonly details: readonly FieldError[];
  readonly requestId: string;
  readonly path: string;
  readonly timestamp: string;
}
