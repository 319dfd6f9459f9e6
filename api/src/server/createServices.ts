import { KeyedLimiter, type Runtime } from '@caravan/core';
import type { ApiRateLimiter, Services } from './Services.js';

/** The services the API's handlers call: the runtime's core services plus the per-key request limit. */
export function createServices(
  runtime: Pick<Runtime, 'clock' | 'config' | 'limiterStore' | 'services'>,
): Services {
  return {
    ...runtime.services,
    apiRateLimiter: apiRateLimiter(runtime),
    authFailureLimiter: runtime.limiterStore.limiter(
      'auth-failures',
      runtime.config.api.authFailuresPerMinute,
      60,
    ),
  };
}

function apiRateLimiter(runtime: Pick<Runtime, 'clock' | 'config' | 'limiterStore'>): ApiRateLimiter {
  const limiter = new KeyedLimiter(runtime.limiterStore, 'api', { clock: runtime.clock });
  const setting = { points: runtime.config.api.rateLimitPerSecond, durationSeconds: 1 };
  return { points: setting.points, take: (key) => limiter.take(key, setting) };
}
