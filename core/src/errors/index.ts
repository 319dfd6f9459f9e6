export { CARAVAN_ERROR_CODES, type CaravanErrorCode } from './CaravanErrorCode.js';
export { CaravanError, isRetriable, retryAfterMsOf, type CaravanErrorOptions } from './CaravanError.js';
export { ConfigError, type ConfigIssue } from './ConfigError.js';
export { DecryptionError } from './DecryptionError.js';
export { InvalidSecretError } from './InvalidSecretError.js';
export { fromPointer, toPointer, type FieldError, type FieldPath } from './FieldError.js';
export {
  InvalidCursorError,
  ValidationError,
  invalidField,
  type FieldRoot,
  type ValidationErrorOptions,
} from './ValidationError.js';
export { UrlNotAllowedError } from './UrlNotAllowedError.js';
export * from './resourceErrors.js';
export { LogUnavailableError } from './LogUnavailableError.js';
export { IngestRateLimitedError } from './IngestRateLimitedError.js';
