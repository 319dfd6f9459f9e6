import test from 'ava';
import { checkPathEncoding, toFieldErrors } from './validateRequest.js';

test('checkPathEncoding › a path parameter that is not valid percent-encoding is a 400 naming it', (t) => {
  for (const bad of ['%ff', '%E0%A4%A', 'ep_%', '%zz']) {
    const error = t.throws(() => checkPathEncoding('/v1/endpoints/{endpointId}', `/v1/endpoints/${bad}`));
    t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_VALIDATION_FAILED', bad);
    t.deepEqual((error as { errors?: unknown } | undefined)?.errors, [
      { field: '/path/endpointId', message: 'is not valid percent-encoded UTF-8' },
    ]);
  }
  const error = t.throws(() =>
    checkPathEncoding('/v1/deliveries/{deliveryId}/attempts', '/v1/deliveries/%C3%28/attempts'),
  );
  t.regex(error?.message ?? '', /^\/path\/deliveryId: /);
  t.notThrows(() => checkPathEncoding('/v1/event-types/{name}', '/v1/event-types/invoice%2Epaid%C3%A9'));
});

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
