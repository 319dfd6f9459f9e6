import test from 'ava';
import { Webhook } from 'standardwebhooks';
import { generateHmacSecret } from '../crypto/webhookSecrets.js';
import { buildWebhookRequest } from './webhookRequest.js';

const now = Date.now();
const payload = '{"amount": 100,\n  "currency":"€"}';

test('webhookRequest › signs the exact payload bytes with the event id as webhook-id', (t) => {
  const secret = generateHmacSecret();
  const request = buildWebhookRequest({
    record: { eventId: 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N', payload, headers: {} },
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
  });
  t.false('bad header' in request.headers);
});

test('webhookRequest › one signature per live secret, each verifies on its own', (t) => {
  const [current, previous] = [generateHmacSecret(), generateHmacSecret()];
  const request = buildWebhookRequest({
    record: { eventId: 'evt_1', payload, headers: {} },
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
