export {
  EventIngestService,
  batchItemOf,
  type EventIngestServiceDeps,
  type IngestLimiter,
  type IngestOptions,
  type IngestResult,
  type PayloadValidation,
  type TenantIngestSettings,
} from './EventIngestService.js';
export { ingestItemProblems, type IngestItem } from './ingestItem.js';
export { batchPayloadSpans, payloadSpan, type Span } from './payloadSpan.js';
export { createIngestLimiter } from './createIngestLimiter.js';
export {
  PayloadValidationPool,
  type PayloadCheck,
  type PayloadCheckJob,
  type PayloadValidationPoolOptions,
} from './PayloadValidationPool.js';
