import type { Context } from 'koa';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '@caravan/core';
import { HttpProblem } from './problems.js';

/**
 * Counts one request against the caller's key and sets the `RateLimit-*` headers; over the limit it
 * throws a 429 problem with `Retry-After`. If the limiter's store fails, the request goes through:
 * the API rate limit protects capacity, it must not take the API down with Redis.
 */
export async function applyRateLimit(
  ctx: Context,
  limiter: RateLimiterAbstract,
  principal: Principal,
): Promise<void> {
  const key = principal.kind === 'admin' ? 'admin' : principal.apiKeyId;
  const setHeaders = (res: RateLimiterRes) => {
    ctx.set('RateLimit-Limit', String(limiter.points));
    ctx.set('RateLimit-Remaining', String(Math.max(0, res.remainingPoints)));
    ctx.set('RateLimit-Reset', String(Math.ceil(res.msBeforeNext / 1000)));
  };
  try {
    setHeaders(await limiter.consume(key));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) return;
    setHeaders(error);
    const retryAfter = String(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw new HttpProblem(
      'CARAVAN_RATE_LIMITED',
      `Too many requests for this key; retry in ${retryAfter} s.`,
      undefined,
      {
        'Retry-After': retryAfter,
      },
    );
  }
}
