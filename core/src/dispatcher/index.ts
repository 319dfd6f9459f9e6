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
export { withOperationsTargets } from './operationsTarget.js';
export { HttpSender, EXCERPT_BYTES, classifyError, type HttpSenderOptions } from './HttpSender.js';
export { guardedLookup, type ConnectLookup } from './guardedLookup.js';
export { systemResolver } from './systemResolver.js';
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
export {
  EVENT_TYPE_HEADER,
  buildWebhookRequest,
  webhookBody,
  type WebhookRequestInput,
} from './webhookRequest.js';
export { BreakerGate, type BreakerGateDeps } from './breaker/BreakerGate.js';
export {
  DEFAULT_BREAKER_SETTINGS,
  FailureWindow,
  openPeriodMs,
  type BreakerSettings,
} from './breaker/BreakerPolicy.js';
export { EgressRouter, type EgressRouterDeps } from './egress/EgressRouter.js';
export { checkedProxyTarget, isConnectFailure, type ProxyTarget } from './egress/proxyTarget.js';
export type {
  DestinationTarget,
  EgressRoute,
  SendRequest,
  SendResult,
  WebhookSender,
} from './WebhookSender.js';
export { endpointRateLimitGate, endpointWindow, tenantRateLimitGate } from './RateLimitGate.js';
