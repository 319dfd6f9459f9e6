import {
  SourceAuthError,
  SourceConfigError,
  SourceUnavailableError,
  type SourceError,
} from '@caravan/source-api';

// Error names (SDK exception names and query-protocol codes) that only a config change fixes.
const missingQueue = new Set([
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NonExistentQueue',
]);
const refused = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'InvalidSecurity',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'KmsAccessDenied',
  'CredentialsProviderError',
]);

/** Maps an SQS SDK error to the contract's typed errors; anything unknown counts as the broker being unavailable. */
export function toSourceError(error: unknown): SourceError {
  const { name, message, $metadata } = (error ?? {}) as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const text = `${name ?? 'Error'}: ${message ?? String(error)}`;
  if (name && missingQueue.has(name))
    return new SourceConfigError(text, { field: '/config/queueUrl', cause: error });
  if ((name && refused.has(name)) || $metadata?.httpStatusCode === 403)
    return new SourceAuthError(text, { cause: error });
  const status = $metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && status !== 429 && name !== 'RequestThrottled')
    return new SourceConfigError(text, { cause: error });
  return new SourceUnavailableError(text, { cause: error });
}
