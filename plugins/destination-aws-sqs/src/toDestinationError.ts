import {
  DestinationAuthError,
  DestinationConfigError,
  DestinationMessageRejectedError,
  DestinationUnavailableError,
  type DestinationError,
} from '@caravan/destination-api';

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
// The message itself is what SQS refuses: sending it again cannot help.
const badMessage = new Set([
  'InvalidMessageContents',
  'BatchRequestTooLong',
  'AWS.SimpleQueueService.BatchRequestTooLong',
  'InvalidParameterValue',
  'InvalidAttributeName',
  'InvalidAttributeValue',
]);

/** Maps an SQS SDK error (or a batch entry's error code) to the contract's typed errors. */
export function toDestinationError(error: unknown): DestinationError {
  const { name, message, $metadata } = (error ?? {}) as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const text = `${name ?? 'Error'}: ${message ?? String(error)}`;
  if (name && missingQueue.has(name))
    return new DestinationConfigError(text, { field: '/config/queueUrl', cause: error });
  if ((name && refused.has(name)) || $metadata?.httpStatusCode === 403)
    return new DestinationAuthError(text, { cause: error });
  if (name && badMessage.has(name)) return new DestinationMessageRejectedError(text, { cause: error });
  return new DestinationUnavailableError(text, { cause: error });
}
