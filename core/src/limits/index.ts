export { createLimiterStore, type LimiterStore } from './LimiterStore.js';
