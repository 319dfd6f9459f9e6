import test from 'ava';
import { toFieldErrors } from './validateRequest.js';

test("toFieldErrors › points into the contract's parts: body, query, path and header", (t) => {
  t.deepEqual(
    toFieldErrors([
      { instancePath: '/requestBody/url', keyword: 'format', message: 'must match format "uri"', params: {} },
      { instancePath: '/query/limit', keyword: 'maximum', message: 'must be <= 100', params: {} },
      { instancePath: '/params/endpointId', keyword: 'pattern', message: 'must match', params: {} },
      { instancePath: '/headers/idempotency-key', keyword: 'maxLength', message: 'is too long', params: {} },
      { instancePath: '/timeoutMs', keyword: 'type', message: 'must be integer', params: {} },
    ]),
    [
      { field: '/body/url', message: 'must match format "uri"' },
      { field: '/query/limit', message: 'must be <= 100' },
      { field: '/path/endpointId', message: 'must match' },
      { field: '/header/idempotency-key', message: 'is too long' },
      { field: '/body/timeoutMs', message: 'must be integer' },
    ],
  );
});

test('toFieldErrors › names a missing or unknown field and lists the allowed values', (t) => {
  t.deepEqual(
    toFieldErrors([
      { instancePath: '/requestBody', keyword: 'required', params: { missingProperty: 'url' } },
      {
        instancePath: '/requestBody',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'uri' },
      },
      {
        instancePath: '/requestBody/status',
        keyword: 'enum',
        params: { allowedValues: ['active', 'paused'] },
      },
    ]),
    [
      { field: '/body/url', message: 'is required' },
      { field: '/body/uri', message: 'is not a known field' },
      { field: '/body/status', message: 'must be one of "active", "paused"' },
    ],
  );
});

test('toFieldErrors › drops anyOf/oneOf/if summaries and repeats', (t) => {
  const repeated = { instancePath: '/requestBody/a', keyword: 'type', message: 'must be string', params: {} };
  t.deepEqual(
    toFieldErrors([
      repeated,
      repeated,
      {
        instancePath: '/requestBody/a',
        keyword: 'anyOf',
        message: 'must match a schema in anyOf',
        params: {},
      },
    ]),
    [{ field: '/body/a', message: 'must be string' }],
  );
});
