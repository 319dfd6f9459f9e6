import type { Runtime } from '@caravan/core';
import type { Services } from './Services.js';

/** The services the API's handlers call: the runtime's core services plus the per-key request limit. */
export function createServices(runtime: Pick<Runtime, 'config' | 'limiterStore' | 'services'>): Services {
  return {
    ...runtime.services,
    apiRateLimiter: runtime.limiterStore.limiter('api', runtime.config.api.rateLimitPerSecond, 1),
    authFailureLimiter: runtime.limiterStore.limiter(
      'auth-failures',
      runtime.config.api.authFailuresPerMinute,
      60,
    ),
  };
}
