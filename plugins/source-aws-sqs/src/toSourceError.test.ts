import test from 'ava';
import { toSourceError } from './toSourceError.js';

const sdkError = (name: string, httpStatusCode?: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });

test('toSourceError › a missing queue is a config error on /config/queueUrl', (t) => {
  const error = toSourceError(sdkError('QueueDoesNotExist', 400));
  t.is(error.code, 'CARAVAN_SOURCE_CONFIG_INVALID');
  t.is((error as { field?: string }).field, '/config/queueUrl');
});

test('toSourceError › refused credentials and permissions are auth errors', (t) => {
  for (const name of [
    'AccessDenied',
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'CredentialsProviderError',
  ])
    t.is(toSourceError(sdkError(name, 400)).code, 'CARAVAN_SOURCE_AUTH_FAILED', name);
  t.is(toSourceError(sdkError('Whatever', 403)).code, 'CARAVAN_SOURCE_AUTH_FAILED');
});

test('toSourceError › throttling, server errors and network errors are unavailable, and retriable', (t) => {
  for (const error of [
    sdkError('RequestThrottled', 400),
    sdkError('InternalError', 500),
    new Error('ECONNREFUSED'),
  ]) {
    const mapped = toSourceError(error);
    t.is(mapped.code, 'CARAVAN_SOURCE_UNAVAILABLE');
    t.true(mapped.retriable);
    t.is(mapped.cause, error);
  }
});
