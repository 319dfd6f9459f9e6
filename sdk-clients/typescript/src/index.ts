export { Caravan, type CaravanOptions } from './Caravan.js';
export {
  CaravanApiError,
  CaravanClientError,
  CaravanConnectionError,
  CaravanTimeoutError,
} from './core/errors.js';
export { PagePromise } from './core/PagePromise.js';
export type { Page, RequestOptions } from './core/types.js';
export {
  Webhook,
  WebhookVerificationError,
  type WebhookHeaders,
  type WebhookOptions,
} from './webhooks/Webhook.js';
export * from './generated/resources.js';
