import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';

import { AuditService } from './audit.service';

/** Writes the audit row of an accepted command before the response leaves; the exception filter writes rejected ones. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      switchMap((body: unknown) =>
        // An accepted command is never reported as failed because its audit row could not be written: that is logged.
        from(this.audit.record(req, { status: res.statusCode, errorCode: null }).then(() => body)),
      ),
    );
  }
}
