export { CaravanError, type CaravanErrorOptions } from './CaravanError.js';
export { ConfigError, type ConfigIssue } from './ConfigError.js';
export { DecryptionError } from './DecryptionError.js';
export { InvalidSecretError } from './InvalidSecretError.js';
export { ValidationError, invalidField, type FieldError } from './ValidationError.js';
export { UrlNotAllowedError } from './UrlNotAllowedError.js';
export * from './resourceErrors.js';
export { LogUnavailableError } from './LogUnavailableError.js';
export { IngestRateLimitedError } from './IngestRateLimitedError.js';
