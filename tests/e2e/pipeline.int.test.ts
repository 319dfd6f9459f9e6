import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import { startCaravanServer } from '../support/caravanProcess.js';
import { startReceiver, waitFor, type Receiver } from '../support/dispatching.js';
import { startProductionApi } from '../support/productionEnv.js';

interface Client {
  call(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
}

function client(url: string, adminKey: string): Client {
  return {
    async call(method, path, body, key = adminKey) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/**
 * What a user does: a tenant, a key, an endpoint on a real receiver, events over the API; then what the
 * receiver sees: every event, once its failures are over, correctly signed over the exact bytes sent.
 */
async function deliverThroughCaravan(t: ExecutionContext, api: Client) {
  const tenant = await api.call('POST', '/v1/tenants', { name: 'Acme' });
  t.is(tenant.status, 201);
  const key = (await api.call('POST', `/v1/tenants/${tenant.body.id}/api-keys`, {})).body.key as string;

  let failuresLeft = 3;
  const flaky = await startReceiver((_req, res) => {
    if (failuresLeft-- > 0) res.writeHead(503).end('busy');
    else res.writeHead(200).end('ok');
  });
  const steady = await startReceiver();
  t.teardown(() => Promise.all([flaky.close(), steady.close()]).then(() => undefined));

  const endpoints = [];
  for (const receiver of [steady, flaky]) {
    const created = await api.call(
      'POST',
      '/v1/endpoints',
      { url: receiver.url, eventTypes: ['invoice.*'] },
      key,
    );
    t.is(created.status, 201, JSON.stringify(created.body));
    endpoints.push({ receiver, secret: created.body.secret as string, id: created.body.id as string });
  }

  const sent: { id: string; payload: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const payload = `{"n":${i},  "amount": 1.50, "note":"caf\u00e9"}`;
    const raw = `{"eventType":"invoice.paid","payload":${payload}}`;
    const res = await api.call('POST', '/v1/events', raw, key);
    t.is(res.status, 202, JSON.stringify(res.body));
    sent.push({ id: res.body.id, payload });
  }
  const batch = await api.call(
    'POST',
    '/v1/events/batch',
    {
      events: Array.from({ length: 10 }, (_, i) => ({ eventType: 'invoice.created', payload: { batch: i } })),
    },
    key,
  );
  t.is(batch.status, 202);
  for (const [i, item] of (batch.body.data as { id: string }[]).entries()) {
    sent.push({ id: item.id, payload: JSON.stringify({ batch: i }) });
  }
  const ignored = await api.call('POST', '/v1/events', { eventType: 'user.created', payload: {} }, key);
  t.is(ignored.status, 202);

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

  const list = await api.call('GET', '/v1/deliveries?limit=100', undefined, key);
  const mine = (list.body.data as { status: string }[]).filter(Boolean);
  await waitFor(
    async () =>
      (
        (await api.call('GET', '/v1/deliveries?status=succeeded&limit=100', undefined, key)).body
          .data as unknown[]
      ).length ===
      sent.length * 2,
    'every delivery to be recorded as succeeded',
    30_000,
  );
  t.true(mine.length > 0);

  // Replay: the event goes again to every endpoint that matches it now, with the same webhook-id.
  const target = sent[0]!;
  const before = steady.received.filter((r) => r.headers['webhook-id'] === target.id).length;
  const replay = await api.call('POST', `/v1/events/${target.id}/replay`, undefined, key);
  t.is(replay.status, 202, JSON.stringify(replay.body));
  await waitFor(
    async () =>
      (await api.call('GET', `/v1/jobs/${replay.body.id}`, undefined, key)).body.status === 'succeeded',
    'the replay job to finish',
    60_000,
  );
  await waitFor(
    () => steady.received.filter((r) => r.headers['webhook-id'] === target.id).length > before,
    'the replayed event at the receiver',
    60_000,
  );
  const job = await api.call('GET', `/v1/jobs/${replay.body.id}`, undefined, key);
  t.like(job.body, { type: 'event_replay', status: 'succeeded', total: 2, processed: 2 });
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
  await deliverThroughCaravan(t, client(server.url, adminKey));
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});

test('pipeline › on MariaDB and Kafka, with the API and a worker as separate processes', async (t) => {
  const { env, api, startWorker } = await startProductionApi(t, 'e2e');
  const worker = await startWorker();
  await deliverThroughCaravan(t, client(api.url, env.CARAVAN_ADMIN_KEY));
  t.is(await worker.stop('SIGTERM'), 0, 'the worker stops cleanly');
  t.is(await api.stop('SIGTERM'), 0);
});
