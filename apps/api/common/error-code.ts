/** Every error the API answers with; the exception filter maps each to exactly one HTTP status. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** A signed-in browser's command without the session's X-CSRF-Token, or from another origin. */
  CSRF_FAILED = 'CSRF_FAILED',
  /** A sign-in method this deployment does not offer. */
  SIGN_IN_OFF = 'SIGN_IN_OFF',
  NETWORK_NOT_FOUND = 'NETWORK_NOT_FOUND',
  CYCLE_NOT_FOUND = 'CYCLE_NOT_FOUND',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  SCHEDULE_NOT_FOUND = 'SCHEDULE_NOT_FOUND',
  DECISION_NOT_FOUND = 'DECISION_NOT_FOUND',
  TWG_NOT_FOUND = 'TWG_NOT_FOUND',
  MEETING_NOT_FOUND = 'MEETING_NOT_FOUND',
  KEY_NOT_FOUND = 'KEY_NOT_FOUND',
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  ABSENCE_NOT_FOUND = 'ABSENCE_NOT_FOUND',
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  WORKFLOW_NOT_FOUND = 'WORKFLOW_NOT_FOUND',
  ROUND_ALREADY_STARTED = 'ROUND_ALREADY_STARTED',
  NOT_ASSIGNEE = 'NOT_ASSIGNEE',
  TASK_CLOSED = 'TASK_CLOSED',
  PHASE_CLOSED = 'PHASE_CLOSED',
  INVALID_PAYLOAD = 'INVALID_PAYLOAD',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  CYCLE_ALREADY_STARTED = 'CYCLE_ALREADY_STARTED',
  NETWORK_EXISTS = 'NETWORK_EXISTS',
  MEMBER_EXISTS = 'MEMBER_EXISTS',
  PERSON_EXISTS = 'PERSON_EXISTS',
  PARTNER_EXISTS = 'PARTNER_EXISTS',
  /** A second absence of one person over the same time. */
  ABSENCE_OVERLAPS = 'ABSENCE_OVERLAPS',
  /** A retry of a notification that is not a dead letter (it is pending, being sent, or sent). */
  NOT_A_DEAD_LETTER = 'NOT_A_DEAD_LETTER',
  KEY_REVOKED = 'KEY_REVOKED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED = 'RATE_LIMITED',
  TEMPORAL_UNAVAILABLE = 'TEMPORAL_UNAVAILABLE',
  /** Temporal took the command but its answer did not come back in time: it may have taken effect. */
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  POSTGRES_UNAVAILABLE = 'POSTGRES_UNAVAILABLE',
  /** The OpenID provider did not answer (its discovery, its token endpoint). */
  OIDC_UNAVAILABLE = 'OIDC_UNAVAILABLE',
  /** The read model shows the task but its workflow has not reached it yet (it is recovering from a fault). */
  PROCESS_CATCHING_UP = 'PROCESS_CATCHING_UP',
  /** A year's report asked for before the year ended and drafted it. */
  REPORT_NOT_DRAFTED = 'REPORT_NOT_DRAFTED',
  /** A year's work-plan export asked for before the members endorsed a plan. */
  PLAN_NOT_ENDORSED = 'PLAN_NOT_ENDORSED',
  INTERNAL = 'INTERNAL',
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.MALFORMED_JSON:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.CSRF_FAILED:
    case ErrorCode.NOT_ASSIGNEE:
      return 403;
    case ErrorCode.NETWORK_NOT_FOUND:
    case ErrorCode.CYCLE_NOT_FOUND:
    case ErrorCode.TASK_NOT_FOUND:
    case ErrorCode.SCHEDULE_NOT_FOUND:
    case ErrorCode.DECISION_NOT_FOUND:
    case ErrorCode.TWG_NOT_FOUND:
    case ErrorCode.MEETING_NOT_FOUND:
    case ErrorCode.KEY_NOT_FOUND:
    case ErrorCode.PERSON_NOT_FOUND:
    case ErrorCode.ABSENCE_NOT_FOUND:
    case ErrorCode.NOTIFICATION_NOT_FOUND:
    case ErrorCode.WEBHOOK_NOT_FOUND:
    case ErrorCode.WORKFLOW_NOT_FOUND:
    case ErrorCode.ROUTE_NOT_FOUND:
    case ErrorCode.SIGN_IN_OFF:
      return 404;
    case ErrorCode.CYCLE_ALREADY_STARTED:
    case ErrorCode.NETWORK_EXISTS:
    case ErrorCode.MEMBER_EXISTS:
    case ErrorCode.PERSON_EXISTS:
    case ErrorCode.PARTNER_EXISTS:
    case ErrorCode.ABSENCE_OVERLAPS:
    case ErrorCode.NOT_A_DEAD_LETTER:
    case ErrorCode.KEY_REVOKED:
    case ErrorCode.ROUND_ALREADY_STARTED:
    case ErrorCode.TASK_CLOSED:
    case ErrorCode.PHASE_CLOSED:
    case ErrorCode.REPORT_NOT_DRAFTED:
    case ErrorCode.PLAN_NOT_ENDORSED:
      return 409;
    case ErrorCode.INVALID_PAYLOAD:
      return 422;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.TEMPORAL_UNAVAILABLE:
    case ErrorCode.POSTGRES_UNAVAILABLE:
    case ErrorCode.OIDC_UNAVAILABLE:
    case ErrorCode.PROCESS_CATCHING_UP:
      return 503;
    case ErrorCode.OUTCOME_UNKNOWN:
      return 504;
    case ErrorCode.INTERNAL:
      return 500;
  }
}
