export { countingAttempts, countingRoutes } from './countingStores.js';
export { TenantStatsService, type StatsQuery, type TenantStatsSeries } from './TenantStatsService.js';
