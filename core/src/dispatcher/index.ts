export { createDispatcher, type DeliveryDispatcher, type DispatcherDeps } from './Dispatcher.js';
export {
  EndpointCache,
  liveSecrets,
  loadFromRepository,
  type DispatchTarget,
  type DispatchTargets,
  type EndpointCacheOptions,
  type LoadDispatchTarget,
} from './EndpointCache.js';
export { HttpSender, EXCERPT_BYTES, classifyError, type HttpSenderOptions } from './HttpSender.js';
export { guardedLookup, type ConnectLookup } from './guardedLookup.js';
export {
  DEFAULT_RETRY_SCHEDULE,
  MAX_RETRY_AFTER_MS,
  MIN_WAIT_AFTER_OVERLOAD_MS,
  RETRY_JITTER,
  nextRetry,
  parseRetryAfter,
  type FailedAttempt,
  type RetryDecision,
  type RetryPolicy,
} from './RetrySchedule.js';
export { passGates, type GatePass, type GateRefusal, type GateRequest, type SendGate } from './SendGate.js';
export { outcomeParked } from './deliveryOutcome.js';
export { buildWebhookRequest, type WebhookRequestInput } from './webhookRequest.js';
export type { SendRequest, SendResult, WebhookSender } from './WebhookSender.js';
export { endpointRateLimitGate, endpointWindow, tenantRateLimitGate } from './RateLimitGate.js';
