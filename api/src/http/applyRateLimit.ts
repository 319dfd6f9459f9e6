import type { Context } from 'koa';
import type { Principal } from '@caravan/core';
import type { ApiRateLimiter } from '../server/Services.js';
import { HttpProblem } from './problems.js';

/**
 * Counts one request against the caller's key and sets the `RateLimit-*` headers; over the limit it
 * throws a 429 problem with `Retry-After`. If the limiter's store fails, the request goes through:
 * the API rate limit protects capacity, it must not take the API down with Redis.
 */
export async function applyRateLimit(
  ctx: Context,
  limiter: ApiRateLimiter,
  principal: Principal,
): Promise<void> {
  // Every portal token of one owner shares that owner's budget.
  const key =
    principal.kind === 'admin'
      ? 'admin'
      : principal.kind === 'portal'
        ? `portal:${principal.tenantId}:${principal.ownerId}`
        : principal.apiKeyId;
  let taken;
  try {
    taken = await limiter.take(key);
  } catch {
    return;
  }
  ctx.set('RateLimit-Limit', String(limiter.points));
  ctx.set('RateLimit-Remaining', String(Math.max(0, taken.remaining)));
  ctx.set('RateLimit-Reset', String(Math.ceil(taken.msBeforeNext / 1000)));
  if (taken.allowed) return;
  const retryAfter = String(Math.max(1, Math.ceil(taken.msBeforeNext / 1000)));
  throw new HttpProblem(
    'CARAVAN_RATE_LIMITED',
    `Too many requests for this key; retry in ${retryAfter} s.`,
    undefined,
    {
      'Retry-After': retryAfter,
    },
  );
}
