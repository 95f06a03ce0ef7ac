import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';

import type { Config } from '../../../libs/config/config';
import { bearerKeyHash } from '../auth/bearer';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

const MINUTE_MS = 60_000;

/** Requests a minute per client address and per API key (a key used from several addresses is still one key). */
export function rateLimits(config: Config): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'address',
        ttl: MINUTE_MS,
        limit: config.rateLimitPerAddress,
        getTracker: (req) => (req as Request).ip ?? 'unknown',
      },
      {
        name: 'key',
        ttl: MINUTE_MS,
        limit: config.rateLimitPerKey,
        getTracker: (req) => bearerKeyHash(req as Request) ?? '',
        skipIf: (ctx) => bearerKeyHash(ctx.switchToHttp().getRequest<Request>()) === null,
      },
    ],
  };
}

/** @nestjs/throttler's guard, answering with the common error body and a Retry-After header. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = detail.timeToBlockExpire || detail.timeToExpire;
    throw new AppError(
      ErrorCode.RATE_LIMITED,
      `More than ${detail.limit} requests a minute from this API key or client address: try again in ${retryAfter} s`,
      [],
      retryAfter,
    );
  }
}

/**
 * Counts failed authentications per client address in one-minute windows. Past the limit, the address gets 429
 * before its key is even looked up, so guessing keys costs a minute per few tries.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(private readonly limit: number) {}

  /** Seconds until the address may try again, or undefined when it may now. */
  blockedFor(address: string, now = Date.now()): number | undefined {
    const w = this.windows.get(address);
    if (!w || now - w.startedAt >= MINUTE_MS) return undefined;
    return w.failures >= this.limit ? (w.startedAt + MINUTE_MS - now) / 1000 : undefined;
  }

  fail(address: string, now = Date.now()): void {
    const w = this.windows.get(address);
    if (!w || now - w.startedAt >= MINUTE_MS) {
      if (this.windows.size > 100_000) this.sweep(now);
      this.windows.set(address, { startedAt: now, failures: 1 });
    } else {
      w.failures++;
    }
  }

  private sweep(now: number): void {
    for (const [address, w] of this.windows) if (now - w.startedAt >= MINUTE_MS) this.windows.delete(address);
  }
}
