import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { AppError } from './app-error';
import { bodyProblems, parameterProblems } from './input-limits';

/** Path parameters are ids, codes or years: letters, digits and `._:@-`, which every mignet id is made of. */
const PATH_PARAMETER = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

/**
 * Refuses input that nothing after it could carry (see input-limits.ts), naming the field. It runs after the API key
 * guard, so the refusal is audited with its caller; the network code was checked there, before its query.
 */
@Injectable()
export class InputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const params = (req.params ?? {}) as Record<string, unknown>;
    const problems = [
      ...parameterProblems(params, req.query as Record<string, unknown>),
      ...Object.entries(params)
        .filter(([name, v]) => name !== 'network' && typeof v === 'string' && !PATH_PARAMETER.test(v))
        .map(([name]) => ({ field: name, message: 'must be an id: a letter or digit, then letters, digits and . _ : @ - (at most 200 in all)' })),
      ...bodyProblems(req.body),
    ];
    if (problems.length > 0) throw AppError.validation(problems);
    return true;
  }
}
