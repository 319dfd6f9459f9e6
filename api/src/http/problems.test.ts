import test from 'ava';
import {
  CARAVAN_ERROR_CODES,
  CaravanError,
  ConfigError,
  DecryptionError,
  IngestRateLimitedError,
  InvalidCursorError,
  InvalidSecretError,
  LogUnavailableError,
  TenantGoneError,
  UrlNotAllowedError,
  ValidationError,
  type CaravanErrorCode,
} from '@caravan/core';
import { loadContract } from '../server/loadContract.js';
import {
  HttpProblem,
  type ErrorCode,
  internalCodes,
  publicCode,
  statusByCode,
  toProblem,
  translatedCodes,
} from './problems.js';

const specCodes = (): string[] => {
  const schemas = (loadContract().document.components as { schemas: Record<string, { enum?: string[] }> })
    .schemas;
  return schemas.ErrorCode?.enum ?? [];
};

const answer = (error: unknown) => toProblem(error, '/v1/x', 'req-1');

test('problems › every code is in the contract’s enum or on the internal list, never both', (t) => {
  const spec = new Set(specCodes());
  const internal = new Set<string>(internalCodes);
  const translated = new Set(Object.keys(translatedCodes));
  for (const code of CARAVAN_ERROR_CODES) {
    const places = [spec.has(code), internal.has(code), translated.has(code)].filter(Boolean).length;
    t.is(places, 1, `${code} must be exactly one of: in the spec's ErrorCode enum, internal, translated`);
  }
  for (const code of spec) {
    t.true((CARAVAN_ERROR_CODES as readonly string[]).includes(code), `${code} is not a CaravanErrorCode`);
  }
  t.deepEqual(Object.keys(statusByCode).sort(), [...spec].sort(), 'every code of the enum has its status');
});

test('problems › the status table is the one the contract documents', (t) => {
  const described = (
    loadContract().document.components as { schemas: { ErrorCode: { description: string } } }
  ).schemas.ErrorCode.description;
  for (const [code, status] of Object.entries(statusByCode)) {
    const row = described.split('\n').find((line) => line.includes(`\`${code}\``));
    t.truthy(row, `${code} has no row in the ErrorCode description`);
    t.true(row?.trimEnd().endsWith(`| ${status} |`), `${code}: ${row}`);
  }
});

const internal: [title: string, error: CaravanError][] = [
  [
    'an invalid configuration (a plugin that fails to load)',
    new ConfigError([{ path: 'x', message: 'bad' }]),
  ],
  ['a CLI usage error', new CaravanError('CARAVAN_USAGE', 'worker: --roles is empty')],
  ['a stored value the key ring cannot decrypt', new DecryptionError('key k9 is not in the ring')],
  ['a malformed stored secret', new InvalidSecretError('An HMAC secret must start with "whsec_"')],
];

for (const [title, error] of internal) {
  test(`problems › ${title} is an opaque, logged 500`, (t) => {
    const problem = answer(error);
    t.is(problem.status, 500);
    t.is(problem.body.code, 'CARAVAN_INTERNAL');
    t.is(problem.body.detail, 'Unexpected error; quote request req-1.');
    t.true(problem.unexpected);
    t.deepEqual(problem.headers, {});
  });
}

test('problems › a retriable error without a code of the contract is an opaque 503 with Retry-After', (t) => {
  // A source plugin's SourceUnavailableError carries `retriable` without being a CaravanError.
  const sourceError = Object.assign(new Error('broker down'), {
    code: 'CARAVAN_SOURCE_UNAVAILABLE',
    retriable: true,
  });
  const internalRetriable = new CaravanError('CARAVAN_DECRYPTION_FAILED', 'ring reloading', {
    retriable: true,
  });
  for (const error of [sourceError, internalRetriable]) {
    const problem = answer(error);
    t.is(problem.status, 503);
    t.is(problem.body.code, 'CARAVAN_UNAVAILABLE');
    t.is(problem.body.type, 'urn:caravan:problem:unavailable');
    t.is(problem.body.detail, 'Temporarily unavailable; try again later; quote request req-1.');
    t.is(problem.headers['retry-after'], '1');
    t.true(problem.unexpected);
  }
  t.is(answer(new Error('bug')).status, 500, 'an error that does not say it is retriable is a 500');
});

test('problems › a tenant deleted after its key authenticated answers as an API key that no longer works', (t) => {
  const problem = answer(new TenantGoneError('tnt_1'));
  t.is(problem.status, 401);
  t.deepEqual(problem.body, {
    type: 'urn:caravan:problem:unauthorized',
    title: 'Missing or invalid API key',
    status: 401,
    code: 'CARAVAN_UNAUTHORIZED',
    detail: 'The tenant of this API key no longer exists.',
    instance: '/v1/x',
    requestId: 'req-1',
  });
  t.false(problem.unexpected);
});

test('problems › the log being unavailable is a 503 with Retry-After', (t) => {
  const problem = answer(new LogUnavailableError('Kafka did not acknowledge the appended records.'));
  t.is(problem.status, 503);
  t.is(problem.body.code, 'CARAVAN_LOG_UNAVAILABLE');
  t.is(problem.body.detail, 'Kafka did not acknowledge the appended records.');
  t.deepEqual(problem.headers, { 'retry-after': '1' });
  t.false(problem.unexpected);
});

test('problems › the ingest limit is a 429 saying when to come back', (t) => {
  const problem = answer(new IngestRateLimitedError(2_100, 50));
  t.is(problem.status, 429);
  t.is(problem.body.code, 'CARAVAN_INGEST_RATE_LIMITED');
  t.deepEqual(problem.headers, {
    'retry-after': '3',
    'ratelimit-limit': '50',
    'ratelimit-remaining': '0',
    'ratelimit-reset': '3',
  });
});

test('problems › core field paths are answered as pointers into the body, the query or the message', (t) => {
  const body = answer(
    new ValidationError(
      [
        { path: ['events', 3, 'payload', 'amount'], message: 'must be >= 0' },
        { path: ['headers', 'a/b~c'], message: 'is reserved' },
      ],
      { code: 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH' },
    ),
  );
  t.is(body.status, 400);
  t.deepEqual(body.body.errors, [
    { field: '/body/events/3/payload/amount', message: 'must be >= 0' },
    { field: '/body/headers/a~1b~0c', message: 'is reserved' },
  ]);
  t.is(body.body.detail, '/body/events/3/payload/amount: must be >= 0 (and 1 more)');

  const whole = answer(new ValidationError([{ path: [], message: 'must be a JSON object' }]));
  t.deepEqual(whole.body.errors, [{ field: '/body', message: 'must be a JSON object' }]);
  t.is(whole.body.detail, '/body: must be a JSON object');

  const cursor = answer(new InvalidCursorError());
  t.is(cursor.status, 400);
  t.deepEqual(cursor.body.errors, [
    { field: '/query/cursor', message: 'is not a cursor returned by a previous page of this list' },
  ]);

  const message = answer(
    new ValidationError([{ path: ['attributes', 'x-convoy-message-type'], message: 'must be single' }], {
      code: 'CARAVAN_VALIDATION_FAILED',
      root: 'message',
    }),
  );
  t.deepEqual(message.body.errors, [
    { field: '/attributes/x-convoy-message-type', message: 'must be single' },
  ]);

  const url = answer(new UrlNotAllowedError('url', 'resolves to 10.0.0.1, a private address'));
  t.is(url.body.code, 'CARAVAN_URL_NOT_ALLOWED');
  t.is(url.body.detail, '/body/url: resolves to 10.0.0.1, a private address');
});

test('problems › an HttpProblem keeps its own pointers and headers', (t) => {
  const problem = answer(
    new HttpProblem(
      'CARAVAN_MALFORMED_JSON',
      'The request body is empty.',
      [{ field: '/body', message: 'is empty' }],
      {
        'x-a': '1',
      },
    ),
  );
  t.is(problem.status, 400);
  t.deepEqual(problem.body.errors, [{ field: '/body', message: 'is empty' }]);
  t.deepEqual(problem.headers, { 'x-a': '1' });
});

test('problems › a stored code is shown as the code a client may see', (t) => {
  const shown: [CaravanErrorCode, ErrorCode][] = [
    ['CARAVAN_EVENT_NOT_FOUND', 'CARAVAN_EVENT_NOT_FOUND'],
    ['CARAVAN_TENANT_GONE', 'CARAVAN_UNAUTHORIZED'],
    ['CARAVAN_DECRYPTION_FAILED', 'CARAVAN_INTERNAL'],
  ];
  for (const [stored, expected] of shown) t.is(publicCode(stored), expected, stored);
  t.is(publicCode('CARAVAN_SOMETHING_OLD'), 'CARAVAN_INTERNAL');
});
