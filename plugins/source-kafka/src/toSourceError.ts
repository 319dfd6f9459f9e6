import {
  SourceAuthError,
  SourceConfigError,
  SourceUnavailableError,
  type SourceError,
} from '@caravan/source-api';

const authTypes = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
]);
const configFields: Record<string, string> = {
  UNKNOWN_TOPIC_OR_PARTITION: '/config/topic',
  INVALID_TOPIC_EXCEPTION: '/config/topic',
  INVALID_GROUP_ID: '/config/groupId',
};

/**
 * Maps a kafkajs error to the contract's typed errors. kafkajs wraps the broker's answer in retry
 * errors, so the whole `cause` chain is searched for a protocol error type or a SASL failure.
 */
export function toSourceError(error: unknown): SourceError {
  const message = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, type } = e as { name?: string; type?: string };
    if (name === 'KafkaJSSASLAuthenticationError' || (type && authTypes.has(type)))
      return new SourceAuthError(`${type ?? name}: ${message}`, { cause: error });
    const field = type ? configFields[type] : undefined;
    if (type && field) return new SourceConfigError(`${type}: ${message}`, { field, cause: error });
  }
  return new SourceUnavailableError(message, { cause: error });
}
