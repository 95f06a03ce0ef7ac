import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { AppError } from './app-error';
import { bodyProblems, parameterProblems } from './input-limits';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set once the input passed: its body is stored in the audit log as it came. */
    inputAccepted?: boolean;
  }
}

/**
 * Refuses input that nothing after it could carry (see input-limits.ts), naming the field. It runs after the API key
 * guard, so the refusal is audited with its caller; the network code was checked there, before its query.
 */
@Injectable()
export class InputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const problems = [
      ...parameterProblems(req.params ?? {}, req.query as Record<string, unknown>),
      ...bodyProblems(req.body),
    ];
    if (problems.length > 0) throw AppError.validation(problems);
    req.inputAccepted = true;
    return true;
  }
}
