import test from 'ava';
import { Webhook } from 'standardwebhooks';
import { generateHmacSecret } from '../crypto/webhookSecrets.js';
import { buildWebhookRequest } from './webhookRequest.js';

const now = Date.now();
const payload = '{"amount": 100,\n  "currency":"€"}';
const eventType = 'invoice.paid';
const eventCreatedAt = Date.UTC(2026, 11, 6, 4, 30, 0, 123);

test('webhookRequest › signs the exact payload bytes with the event id as webhook-id', (t) => {
  const secret = generateHmacSecret();
  const request = buildWebhookRequest({
    record: { eventId: 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N', eventType, eventCreatedAt, payload, headers: {} },
    url: 'https://receiver.example/hook',
    endpointHeaders: {},
    secrets: [{ scheme: 'hmac', secret }],
    now,
    userAgent: 'Caravan/1.2.3',
  });
  t.true(request.body.equals(Buffer.from(payload, 'utf8')));
  t.is(request.headers['webhook-id'], 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N');
  t.is(request.headers['webhook-timestamp'], String(Math.floor(now / 1000)));
  t.deepEqual(new Webhook(secret).verify(request.body, request.headers), JSON.parse(payload));
});

test("webhookRequest › sends the endpoint's and then the event's headers, never over Caravan's own", (t) => {
  const request = buildWebhookRequest({
    record: {
      eventId: 'evt_1',
      eventType,
      eventCreatedAt,
      payload,
      headers: { 'X-Trace': 'event', 'x-event-only': '1', 'webhook-id': 'forged', 'bad header': 'x' },
    },
    url: 'https://receiver.example/hook',
    endpointHeaders: { 'x-trace': 'endpoint', Authorization: 'Bearer abc', 'User-Agent': 'forged' },
    secrets: [{ scheme: 'hmac', secret: generateHmacSecret() }],
    now,
    userAgent: 'Caravan/1.2.3',
  });
  t.like(request.headers, {
    'content-type': 'application/json',
    'user-agent': 'Caravan/1.2.3',
    authorization: 'Bearer abc',
    'x-trace': 'event',
    'x-event-only': '1',
    'webhook-id': 'evt_1',
    'webhook-event-type': 'invoice.paid',
  });
  t.false('bad header' in request.headers);
});

test('webhookRequest › one signature per live secret, each verifies on its own', (t) => {
  const [current, previous] = [generateHmacSecret(), generateHmacSecret()];
  const request = buildWebhookRequest({
    record: { eventId: 'evt_1', eventType, eventCreatedAt, payload, headers: {} },
    url: 'https://receiver.example/hook',
    endpointHeaders: {},
    secrets: [
      { scheme: 'hmac', secret: current },
      { scheme: 'hmac', secret: previous },
    ],
    now,
    userAgent: 'Caravan/1.2.3',
  });
  t.is(request.headers['webhook-signature']?.split(' ').length, 2);
  for (const secret of [current, previous]) {
    t.deepEqual(new Webhook(secret).verify(request.body, request.headers), JSON.parse(payload));
  }
});

test('webhookRequest › raw (the default) sends the payload bytes; the event type travels in a header', (t) => {
  const request = buildWebhookRequest({
    record: { eventId: 'evt_1', eventType, eventCreatedAt, payload, headers: {} },
    url: 'https://receiver.example/hook',
    payloadFormat: 'raw',
    endpointHeaders: {},
    secrets: [{ scheme: 'hmac', secret: generateHmacSecret() }],
    now,
    userAgent: 'Caravan/1.2.3',
  });
  t.is(request.body.toString('utf8'), payload);
  t.is(request.headers['webhook-event-type'], 'invoice.paid');
});

test('webhookRequest › envelope wraps the exact payload bytes as data, with the type and the event time, signed as sent', (t) => {
  const secret = generateHmacSecret();
  // Bytes a parse-and-serialise round trip would change: a big integer, member order, spacing.
  const exact = '{ "z": 1, "id": 12345678901234567890, "a": [1.50, "x"] }';
  const request = buildWebhookRequest({
    record: { eventId: 'evt_1', eventType: 'order."quoted"', eventCreatedAt, payload: exact, headers: {} },
    url: 'https://receiver.example/hook',
    payloadFormat: 'envelope',
    endpointHeaders: {},
    secrets: [{ scheme: 'hmac', secret }],
    now,
    userAgent: 'Caravan/1.2.3',
  });
  const body = request.body.toString('utf8');
  t.is(body, `{"type":"order.\\"quoted\\"","timestamp":"2026-12-06T04:30:00.123Z","data":${exact}}`);
  t.like(JSON.parse(body), { type: 'order."quoted"', timestamp: '2026-12-06T04:30:00.123Z' });
  t.notThrows(() => new Webhook(secret).verify(request.body, request.headers));
  t.is(request.headers['webhook-event-type'], 'order."quoted"');
});
