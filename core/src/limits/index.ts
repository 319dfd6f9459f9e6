export { createLimiterStore, type LimiterStore } from './LimiterStore.js';
export { KeyedLimiter, type LimitSetting, type TakeResult } from './KeyedLimiter.js';
export { TenantLimitsCache, type TenantLimitsCacheOptions } from './TenantLimitsCache.js';
