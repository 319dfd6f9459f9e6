import test from 'ava';
import type { Principal } from '@caravan/core';
import type { Services } from '../Services.js';
import { maxJsonDepth, nestingDepth } from '../../http/readJsonBody.js';
import { readBody } from './readBody.js';
import { countingNext, operation, stageContext } from './stageContext.js';

const principal: Principal = { kind: 'tenant', tenantId: 'tnt_1', apiKeyId: 'key_1' };
const services = {} as Services;
const json = { 'content-type': 'application/json' };

function ctxFor(body: string | Buffer | undefined, requestBody: unknown, operationId = 'createEndpoint') {
  const headers: Record<string, string> =
    body === undefined ? {} : { ...json, 'content-length': String(Buffer.byteLength(body)) };
  return stageContext({
    method: 'POST',
    headers,
    ...(body === undefined ? {} : { body }),
    state: { principal, operation: operation({ method: 'post', operationId, requestBody }) },
  });
}

test('readBody › keeps the exact bytes beside the parsed document', async (t) => {
  const text = '{"url": "https://a.example",\n "n": 1.50}';
  const ctx = ctxFor(text, { required: true });
  await readBody({ services, maxBodyBytes: 1024 })(ctx, countingNext());
  t.deepEqual(ctx.state.payload?.body, { url: 'https://a.example', n: 1.5 });
  t.is(ctx.state.payload?.rawBody?.toString('utf8'), text);
});

test('readBody › an optional body that is not sent is not read; an operation without a body reads none', async (t) => {
  for (const requestBody of [{ required: false }, undefined]) {
    const ctx = ctxFor(undefined, requestBody);
    const next = countingNext();
    await readBody({ services, maxBodyBytes: 1024 })(ctx, next);
    t.deepEqual(ctx.state.payload, { body: undefined, rawBody: undefined });
    t.is(next.calls, 1);
  }
});

test('readBody › a required body is read even when the request declares none', async (t) => {
  const ctx = ctxFor(undefined, { required: true });
  ctx.req.headers['content-type'] = 'application/json';
  const error = await t.throwsAsync(readBody({ services, maxBodyBytes: 1024 })(ctx, countingNext()));
  t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_MALFORMED_JSON');
});

test("readBody › an operation's own limit, decided from the caller, replaces the default", async (t) => {
  const body = JSON.stringify({ payload: 'x'.repeat(100) });
  const limits = { sendEvent: (p: Principal) => (p.kind === 'tenant' ? 50 : 10_000) };
  const ctx = ctxFor(body, { required: true }, 'sendEvent');
  const error = await t.throwsAsync(
    readBody({ services, maxBodyBytes: 10_000, bodyLimits: limits })(ctx, countingNext()),
  );
  t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_PAYLOAD_TOO_LARGE');
  const other = ctxFor(body, { required: true });
  await readBody({ services, maxBodyBytes: 10_000, bodyLimits: limits })(other, countingNext());
  t.truthy(other.state.payload?.body);
});

test('readBody › bytes that are not valid UTF-8 are a 400 naming the body, never replaced', async (t) => {
  for (const bytes of [[0xff], [0xc3, 0x28], [0xe0, 0xa4], [0xed, 0xa0, 0x80]]) {
    const raw = Buffer.concat([Buffer.from('{"payload":"'), Buffer.from(bytes), Buffer.from('"}')]);
    const ctx = ctxFor(raw, { required: true }, 'sendEvent');
    const error = await t.throwsAsync(readBody({ services, maxBodyBytes: 1024 })(ctx, countingNext()));
    t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_MALFORMED_JSON');
    t.deepEqual((error as { errors?: unknown } | undefined)?.errors, [
      { field: '/body', message: 'is not valid UTF-8' },
    ]);
  }
  const ok = ctxFor(Buffer.from('{"payload":"é ✓ 😀"}'), { required: true }, 'sendEvent');
  await readBody({ services, maxBodyBytes: 1024 })(ok, countingNext());
  t.deepEqual(ok.state.payload?.body, { payload: 'é ✓ 😀' });
});

const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);

test(`readBody › a body nesting more than ${maxJsonDepth} levels is a 400 naming the field`, async (t) => {
  const deep = `{"eventType":"a","payload":${nested(5_000)}}`;
  const ctx = ctxFor(deep, { required: true }, 'sendEvent');
  const error = await t.throwsAsync(readBody({ services, maxBodyBytes: 1_000_000 })(ctx, countingNext()));
  t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_VALIDATION_FAILED');
  t.deepEqual((error as { errors?: unknown } | undefined)?.errors, [
    { field: '/body/payload/a/a', message: `nests objects and arrays more than ${maxJsonDepth} levels deep` },
  ]);
  const batch = `{"events":[{"eventType":"a","payload":1},{"eventType":"a","payload":${'['.repeat(100)}${']'.repeat(100)}}]}`;
  const batchError = await t.throwsAsync(
    readBody({ services, maxBodyBytes: 1_000_000 })(
      ctxFor(batch, { required: true }, 'sendEventBatch'),
      countingNext(),
    ),
  );
  t.is(
    (batchError as { errors?: { field: string }[] } | undefined)?.errors?.[0]?.field,
    '/body/events/1/payload',
  );
});

test(`readBody › exactly ${maxJsonDepth} levels, and brackets inside strings, are accepted`, async (t) => {
  const atLimit = ctxFor(nested(maxJsonDepth, '"[[[[{{{{\\\\"'), { required: true }, 'sendEvent');
  await readBody({ services, maxBodyBytes: 1_000_000 })(atLimit, countingNext());
  t.truthy(atLimit.state.payload?.body);
  t.is(nestingDepth(Buffer.from(nested(maxJsonDepth))), maxJsonDepth);
  t.is(nestingDepth(Buffer.from('{"a":"[\\"[{"}')), 1);
});
