import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CoreServices, TakeResult } from '@caravan/core';

/** Requests per second per API key, taken from tokens reserved ahead (`KeyedLimiter`). */
export interface ApiRateLimiter {
  /** The limit, as `RateLimit-Limit` shows it. */
  readonly points: number;
  take(key: string): Promise<TakeResult>;
}

/** What operation handlers call: the runtime's core services and the API's own request limiter. */
export interface Services extends CoreServices {
  /** Requests per second per API key. */
  apiRateLimiter: ApiRateLimiter;
  /** Failed authentications per source address per minute. */
  authFailureLimiter: RateLimiterAbstract;
}
