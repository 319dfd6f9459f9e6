import test from 'ava';
import type { ConversionSource } from './toIngestItem.js';
import { toIngestItem } from './toIngestItem.js';

const enc = (text: string) => new TextEncoder().encode(text);
const caravan: ConversionSource = { id: 'src_1', format: 'caravan', raw: null };
const convoy: ConversionSource = { id: 'src_1', format: 'convoy', raw: null };
const raw: ConversionSource = {
  id: 'src_1',
  format: 'raw',
  raw: { eventTypeAttribute: 'type', ownerIdAttribute: 'customer', idempotencyKeyAttribute: 'key' },
};
const msg = (body: string, attributes: Record<string, string> = {}) => ({
  id: 'm-1',
  body: enc(body),
  attributes,
});

test('toIngestItem › caravan keeps the exact payload bytes and defaults the key to source and message id', (t) => {
  const out = toIngestItem(caravan, msg('{"eventType":"invoice.paid", "payload": {"b":1,  "a":[2, 3.50]} }'));
  if (!out.ok) return t.fail(JSON.stringify(out.reason));
  t.is(out.item.payloadText, '{"b":1,  "a":[2, 3.50]}');
  t.deepEqual(out.item.payload, { b: 1, a: [2, 3.5] });
  t.is(out.item.eventType, 'invoice.paid');
  t.is(out.item.idempotencyKey, 'src_1:m-1');
  t.false('endpointId' in out.item);
});

test('toIngestItem › caravan keeps the message’s own key and routing; attributes become headers', (t) => {
  const out = toIngestItem(
    caravan,
    msg('{"eventType":"a","payload":null,"idempotencyKey":"k1","ownerId":"o","headers":{"x-a":"1"}}', {
      region: 'eu',
      'bad name': 'v',
      'X-A': 'attr loses',
      'webhook-id': 'reserved',
      ctl: 'a\nb',
    }),
  );
  if (!out.ok) return t.fail();
  t.is(out.item.payloadText, 'null');
  t.is(out.item.idempotencyKey, 'k1');
  t.is(out.item.ownerId, 'o');
  t.deepEqual(out.item.headers, { 'x-a': '1', 'bad-name': 'v', region: 'eu' });
});

test('toIngestItem › two sources never share a default key; a very long message id is hashed', (t) => {
  const a = toIngestItem(caravan, msg('{"eventType":"a","payload":1}'));
  const b = toIngestItem({ ...caravan, id: 'src_2' }, msg('{"eventType":"a","payload":1}'));
  t.true(a.ok && b.ok && a.item.idempotencyKey !== b.item.idempotencyKey);
  const long = toIngestItem(caravan, {
    id: 'x'.repeat(1024),
    body: enc('{"eventType":"a","payload":1}'),
    attributes: {},
  });
  t.true(long.ok && (long.item.idempotencyKey ?? '').length <= 256);
});

test('toIngestItem › malformed and invalid messages are rejected naming the field', (t) => {
  const bad = toIngestItem(caravan, msg('{"eventType":'));
  t.false(bad.ok);
  if (!bad.ok) t.is(bad.reason.code, 'CARAVAN_MALFORMED_JSON');
  const notUtf8 = toIngestItem(caravan, {
    id: 'm',
    body: new Uint8Array([0x7b, 0xff, 0x7d]),
    attributes: {},
  });
  t.true(!notUtf8.ok && notUtf8.reason.code === 'CARAVAN_MALFORMED_JSON');
  const missing = toIngestItem(caravan, msg('{"eventType":7,"extra":1}'));
  if (missing.ok) return t.fail();
  t.is(missing.reason.code, 'CARAVAN_VALIDATION_FAILED');
  t.deepEqual(
    missing.reason.errors.map((e) => e.field),
    ['/body/extra', '/body/eventType', '/body/payload'],
  );
  const array = toIngestItem(caravan, msg('[1]'));
  t.true(!array.ok && array.reason.errors[0]?.field === '/body');
});

test('toIngestItem › convoy maps fields and keeps the exact bytes of data', (t) => {
  const out = toIngestItem(
    convoy,
    msg(
      '{"event_type":"user.created","data":{ "id" : 1 },"endpoint_id":"ep_1","custom_headers":{"x-k":"v"},"idempotency_key":"ik"}',
    ),
  );
  if (!out.ok) return t.fail(JSON.stringify(out.reason));
  t.is(out.item.payloadText, '{ "id" : 1 }');
  t.is(out.item.endpointId, 'ep_1');
  t.is(out.item.idempotencyKey, 'ik');
  t.deepEqual(out.item.headers, { 'x-k': 'v' });
});

test('toIngestItem › convoy message types: single needs endpoint_id, fanout owner_id, broadcast ignores both', (t) => {
  const body = (extra: string) => msg(`{"event_type":"a","data":1${extra}}`);
  const single = toIngestItem(convoy, {
    ...body(',"owner_id":"o"'),
    attributes: { 'x-convoy-message-type': 'single' },
  });
  t.true(!single.ok && single.reason.errors[0]?.field === '/body/endpoint_id');
  const fanout = toIngestItem(convoy, {
    ...body(',"endpoint_id":"ep_1"'),
    attributes: { 'x-convoy-message-type': 'fanout' },
  });
  t.true(!fanout.ok && fanout.reason.errors[0]?.field === '/body/owner_id');
  const fanoutOk = toIngestItem(convoy, {
    ...body(',"endpoint_id":"ep_1","owner_id":"o"'),
    attributes: { 'x-convoy-message-type': 'fanout' },
  });
  t.true(fanoutOk.ok && fanoutOk.item.ownerId === 'o' && !('endpointId' in fanoutOk.item));
  const broadcast = toIngestItem(
    convoy,
    body(',"endpoint_id":"ep_1","owner_id":"o","custom_headers":{"x-convoy-message-type":"broadcast"}'),
  );
  t.true(
    broadcast.ok &&
      !('endpointId' in broadcast.item) &&
      !('ownerId' in broadcast.item) &&
      !broadcast.item.headers,
  );
  const none = toIngestItem(convoy, body(''));
  t.false(none.ok);
  const inferred = toIngestItem(convoy, body(',"owner_id":"o"'));
  t.true(inferred.ok && inferred.item.ownerId === 'o');
  const unknown = toIngestItem(convoy, {
    ...body(',"owner_id":"o"'),
    attributes: { 'x-convoy-message-type': 'all' },
  });
  t.true(!unknown.ok && unknown.reason.errors[0]?.field === '/attributes/x-convoy-message-type');
});

test('toIngestItem › raw takes the whole body as payload and routing from attributes', (t) => {
  const out = toIngestItem(
    raw,
    msg(' {"amount": 12} \n', { type: 'ledger.entry', customer: 'c1', key: 'k', zone: 'z' }),
  );
  if (!out.ok) return t.fail();
  t.is(out.item.payloadText, '{"amount": 12}');
  t.is(out.item.eventType, 'ledger.entry');
  t.is(out.item.ownerId, 'c1');
  t.is(out.item.idempotencyKey, 'k');
  t.deepEqual(out.item.headers, { zone: 'z' });
  const noType = toIngestItem(raw, msg('{}'));
  t.true(!noType.ok && noType.reason.errors[0]?.field === '/attributes/type');
  const notJson = toIngestItem(raw, msg('hello', { type: 'a' }));
  t.true(!notJson.ok && notJson.reason.code === 'CARAVAN_MALFORMED_JSON');
  const defaultKey = toIngestItem({ ...raw, raw: { eventTypeAttribute: 'type' } }, msg('1', { type: 'a' }));
  t.true(defaultKey.ok && defaultKey.item.idempotencyKey === 'src_1:m-1');
});
