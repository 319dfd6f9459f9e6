import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CoreServices } from '@caravan/core';

/** What operation handlers call: the runtime's core services and the API's own request limiter. */
export interface Services extends CoreServices {
  /** Requests per second per API key. */
  apiRateLimiter: RateLimiterAbstract;
  /** Failed authentications per source address per minute. */
  authFailureLimiter: RateLimiterAbstract;
}
