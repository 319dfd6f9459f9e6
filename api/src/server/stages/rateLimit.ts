import { applyRateLimit } from '../../http/applyRateLimit.js';
import type { Services } from '../Services.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/** Counts the request against the caller's key (`RateLimit-*` headers; over the limit, a 429). */
export function rateLimit(services: Pick<Services, 'apiRateLimiter'>): ApiStage {
  return async (ctx, next) => {
    await applyRateLimit(ctx, services.apiRateLimiter, stateOf(ctx, 'principal'));
    await next();
  };
}
