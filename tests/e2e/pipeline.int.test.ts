import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import { startCaravanServer } from '../support/caravanProcess.js';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver, type Receiver } from '../support/dispatching.js';
import { startProductionApi } from '../support/productionEnv.js';
import { waitFor } from '@caravan/testing';

// Raw on purpose: these events' payload bytes (spacing, `1.50`) must reach the receiver exactly as
// sent, and the SDK would parse and re-encode them.
async function sendRawEvent(url: string, key: string, body: string): Promise<{ id: string }> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string };
}

/**
 * What a user does: a tenant, a key, an endpoint on a real receiver, events over the API; then what the
 * receiver sees: every event, once its failures are over, correctly signed over the exact bytes sent.
 */
async function deliverThroughCaravan(t: ExecutionContext, url: string, adminKey: string) {
  const admin = caravanClient(url, adminKey);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(url, key);

  let failuresLeft = 3;
  const flaky = await startReceiver((_req, res) => {
    if (failuresLeft-- > 0) res.writeHead(503).end('busy');
    else res.writeHead(200).end('ok');
  });
  const steady = await startReceiver();
  t.teardown(() => Promise.all([flaky.close(), steady.close()]).then(() => undefined));

  const endpoints = [];
  for (const receiver of [steady, flaky]) {
    const created = await api.endpoints.create({ url: receiver.url, eventTypes: ['invoice.*'] });
    endpoints.push({ receiver, secret: created.secret, id: created.id });
  }

  const sent: { id: string; payload: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const payload = `{"n":${i},  "amount": 1.50, "note":"caf\u00e9"}`;
    const raw = `{"eventType":"invoice.paid","payload":${payload}}`;
    sent.push({ id: (await sendRawEvent(url, key, raw)).id, payload });
  }
  const batch = await api.events.sendBatch({
    events: Array.from({ length: 10 }, (_, i) => ({ eventType: 'invoice.created', payload: { batch: i } })),
  });
  for (const [i, item] of batch.data.entries()) {
    sent.push({ id: item.id, payload: JSON.stringify({ batch: i }) });
  }
  await api.events.send({ eventType: 'user.created', payload: {} });

  for (const { receiver, secret } of endpoints) {
    const ids = () =>
      new Set(receiver.received.filter((r) => r.headers['webhook-id']).map((r) => r.headers['webhook-id']));
    await waitFor(() => sent.every((s) => ids().has(s.id)), `every event at ${receiver.url}`, 90_000);
    verifyAll(t, receiver, secret, sent);
  }
  // The three refused requests are retried: the receiver ends up with one more request for each.
  await waitFor(() => flaky.received.length >= sent.length + 3, 'the refused requests to be retried', 60_000);
  t.is(
    new Set(flaky.received.map((r) => r.headers['webhook-id'])).size,
    sent.length,
    'retries keep their webhook-id',
  );

  const list = await api.deliveries.list({ limit: 100 });
  const mine = list.data.filter(Boolean);
  await waitFor(
    async () =>
      (await api.deliveries.list({ status: 'succeeded', limit: 100 })).data.length === sent.length * 2,
    'every delivery to be recorded as succeeded',
    30_000,
  );
  t.true(mine.length > 0);

  // Replay: the event goes again to every endpoint that matches it now, with the same webhook-id.
  const target = sent[0]!;
  const before = steady.received.filter((r) => r.headers['webhook-id'] === target.id).length;
  const replay = await api.events.replay(target.id);
  await waitFor(
    async () => (await api.jobs.get(replay.id)).status === 'succeeded',
    'the replay job to finish',
    60_000,
  );
  await waitFor(
    () => steady.received.filter((r) => r.headers['webhook-id'] === target.id).length > before,
    'the replayed event at the receiver',
    60_000,
  );
  const job = await api.jobs.get(replay.id);
  t.like(job, { type: 'event_replay', status: 'succeeded', total: 2, processed: 2 });
}

function verifyAll(
  t: ExecutionContext,
  receiver: Receiver,
  secret: string,
  sent: { id: string; payload: string }[],
) {
  const verifier = new Webhook(secret);
  for (const s of sent) {
    const request = receiver.received.find(
      (r) => r.headers['webhook-id'] === s.id && r.body.toString() === s.payload,
    );
    t.truthy(request, `${s.id} arrived with its exact payload bytes`);
    if (!request) continue;
    t.notThrows(() => verifier.verify(request.body.toString(), request.headers), `${s.id} verifies`);
    t.is(request.headers['content-type'], 'application/json');
    t.regex(request.headers['user-agent'] ?? '', /^Caravan\//);
  }
}

test('pipeline › on caravan dev (SQLite, SQL log) every event reaches every subscribed receiver, signed', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-e2e-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  await deliverThroughCaravan(t, server.url, adminKey);
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});

test('pipeline › on MariaDB and Kafka, with the API and a worker as separate processes', async (t) => {
  const { env, api, startWorker } = await startProductionApi(t, 'e2e');
  const worker = await startWorker();
  await deliverThroughCaravan(t, api.url, env.CARAVAN_ADMIN_KEY);
  t.is(await worker.stop('SIGTERM'), 0, 'the worker stops cleanly');
  t.is(await api.stop('SIGTERM'), 0);
});

test('pipeline › an envelope endpoint receives {type, timestamp, data} around the exact payload, signed; every request names the event type', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-e2e-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const admin = caravanClient(server.url, adminKey);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);
  const enveloped = await startReceiver();
  const raw = await startReceiver();
  t.teardown(() => Promise.all([enveloped.close(), raw.close()]).then(() => undefined));
  const wrapped = await api.endpoints.create({ url: enveloped.url, payloadFormat: 'envelope' });
  t.is(wrapped.payloadFormat, 'envelope');
  const plain = await api.endpoints.create({ url: raw.url });
  t.is(plain.payloadFormat, 'raw', 'new endpoints get the raw payload unless they ask');

  const payload = '{"n":1,  "amount": 1.50, "big": 12345678901234567890}';
  const { id } = await sendRawEvent(server.url, key, `{"eventType":"invoice.paid","payload":${payload}}`);
  let createdAt = '';
  await waitFor(async () => {
    createdAt = (await api.events.get(id).catch(() => undefined))?.createdAt ?? '';
    return createdAt !== '';
  }, 'the event to be persisted');
  await waitFor(() => enveloped.received.length > 0 && raw.received.length > 0, 'both deliveries', 60_000);

  const [envelope] = enveloped.received;
  const body = envelope!.body.toString('utf8');
  t.is(body, `{"type":"invoice.paid","timestamp":"${createdAt}","data":${payload}}`);
  const verified = new Webhook(wrapped.secret).verify(body, envelope!.headers);
  t.like(verified, { type: 'invoice.paid', timestamp: createdAt, data: { n: 1, amount: 1.5 } });
  t.is(envelope!.headers['webhook-event-type'], 'invoice.paid');

  const [plainRequest] = raw.received;
  t.is(plainRequest!.body.toString('utf8'), payload);
  t.is(plainRequest!.headers['webhook-event-type'], 'invoice.paid');
  t.notThrows(() => new Webhook(plain.secret).verify(payload, plainRequest!.headers));
  t.is(await server.stop('SIGINT'), 0);
});
