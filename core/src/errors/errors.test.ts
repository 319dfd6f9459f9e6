import test from 'ava';
import {
  CaravanError,
  IngestRateLimitedError,
  InvalidCursorError,
  LogUnavailableError,
  UrlNotAllowedError,
  ValidationError,
  fromPointer,
  invalidField,
  isRetriable,
  retryAfterMsOf,
  toPointer,
} from './index.js';

test('errors › a path is written as an RFC 6901 pointer relative to the input, and read back', (t) => {
  t.is(toPointer(['events', 3, 'headers', 'a/b~c']), '/events/3/headers/a~1b~0c');
  t.is(toPointer([]), '');
  t.deepEqual(fromPointer('/events/3/headers/a~1b~0c'), ['events', '3', 'headers', 'a/b~c']);
  t.deepEqual(fromPointer(''), []);
  t.deepEqual(fromPointer('/~01'), ['~1'], '~01 is a tilde then a 1, not a slash');
});

test('errors › a validation error names its first field relative to the input, and how many more', (t) => {
  const error = new ValidationError([
    { path: ['payload', 'amount'], message: 'must be >= 0' },
    { path: ['eventType'], message: 'is required' },
  ]);
  t.is(error.message, '/payload/amount: must be >= 0 (and 1 more)');
  t.is(error.code, 'CARAVAN_VALIDATION_FAILED');
  t.is(error.root, 'input');
  t.false(error.retriable);
  t.is(invalidField([], 'must be an object').message, '(input): must be an object');
  t.deepEqual(new UrlNotAllowedError('url', 'is private').errors, [{ path: ['url'], message: 'is private' }]);
});

test('errors › a bad cursor is about the page of a list, not its input', (t) => {
  const error = new InvalidCursorError();
  t.is(error.root, 'page');
  t.deepEqual(
    error.errors.map((e) => e.path),
    [['cursor']],
  );
});

test('errors › retriable is read from the flag, whoever raised the error', (t) => {
  t.true(isRetriable(new LogUnavailableError('down')));
  t.true(isRetriable(new IngestRateLimitedError(1500, 10)));
  t.true(isRetriable(Object.assign(new Error('broker down'), { retriable: true })), 'a plugin SourceError');
  t.false(isRetriable(new CaravanError('CARAVAN_CONFLICT', 'no')));
  t.false(isRetriable(new Error('bug')));
  t.false(isRetriable(undefined));
  t.is(retryAfterMsOf(new IngestRateLimitedError(1500, 10)), 1500);
  t.is(retryAfterMsOf(new LogUnavailableError('down')), undefined);
});
