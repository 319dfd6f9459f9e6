export { KeyRing, type KeyRingConfig } from './KeyRing.js';
export {
  API_KEY_PREFIX,
  apiKeyMatches,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  safeEqual,
  type GeneratedApiKey,
} from './apiKeys.js';
export {
  ED25519_PUBLIC_KEY_PREFIX,
  ED25519_SECRET_PREFIX,
  HMAC_SECRET_PREFIX,
  ed25519PublicKeyOf,
  generateEd25519Secret,
  generateHmacSecret,
  parseEd25519PublicKey,
  parseEd25519Secret,
  parseHmacSecret,
  type Ed25519Secret,
} from './webhookSecrets.js';
export {
  signedContent,
  signPayload,
  webhookHeaders,
  type SigningSecret,
  type SignPayloadInput,
  type WebhookHeaders,
} from './signature.js';
