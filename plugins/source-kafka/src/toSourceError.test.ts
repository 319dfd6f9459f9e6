import test from 'ava';
import { toSourceError } from './toSourceError.js';

// Shaped like kafkajs's errors (its error classes are not importable from ESM): a name, a protocol
// error type, and the retry error that wraps the last failure as its cause.
const kafkaError = (name: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { name }, extra);
const protocol = (type: string) => kafkaError('KafkaJSProtocolError', type, { type });
const afterRetries = (cause: Error) =>
  kafkaError('KafkaJSNumberOfRetriesExceeded', cause.message, { cause, retriable: false });

test('toSourceError › a missing topic, even wrapped in a retry error, is a config error on /config/topic', (t) => {
  const error = toSourceError(afterRetries(protocol('UNKNOWN_TOPIC_OR_PARTITION')));
  t.is(error.code, 'CARAVAN_SOURCE_CONFIG_INVALID');
  t.is((error as { field?: string }).field, '/config/topic');
});

test('toSourceError › SASL failures and ACL refusals are auth errors', (t) => {
  t.is(
    toSourceError(kafkaError('KafkaJSSASLAuthenticationError', 'bad password')).code,
    'CARAVAN_SOURCE_AUTH_FAILED',
  );
  t.is(
    toSourceError(afterRetries(protocol('GROUP_AUTHORIZATION_FAILED'))).code,
    'CARAVAN_SOURCE_AUTH_FAILED',
  );
});

test('toSourceError › connection failures are unavailable', (t) => {
  const error = toSourceError(afterRetries(kafkaError('KafkaJSConnectionError', 'ECONNREFUSED')));
  t.is(error.code, 'CARAVAN_SOURCE_UNAVAILABLE');
  t.true(error.retriable);
});
