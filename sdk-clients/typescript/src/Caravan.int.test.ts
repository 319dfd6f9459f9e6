import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import test, { type ExecutionContext } from 'ava';
import YAML from 'yaml';
import { newId } from '@caravan/core';
import { waitFor } from '@caravan/testing';
import { ApiHarness } from '../../../tests/support/apiHarness.js';
import { Caravan, CaravanApiError } from './index.js';

// The SDK against a real Caravan API (Koa app, SQLite, SQL log, router) over real HTTP: every
// resource group, typed errors, pagination, and idempotent retries through a connection that drops.

const spec = YAML.parse(readFileSync(new URL('../../../openapi/caravan.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) =>
    op?.operationId
      ? [{ id: op.operationId, method, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) }]
      : [],
  ),
);
const succeeded = new Set<string>();

/** The global fetch, noting each operation that Caravan answered with success. */
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : input);
  const method = (init?.method ?? 'GET').toLowerCase();
  const op = operations.find((o) => o.method === method && o.pattern.test(url.pathname));
  if (res.ok && op) succeeded.add(op.id);
  return res;
};

async function start(t: ExecutionContext) {
  const api = await ApiHarness.start('sqlite', {
    router: true,
    env: { CARAVAN_DESTINATION_PLUGINS: '@caravan/destination-aws-sqs' },
  });
  t.teardown(() => api.close());
  const admin = new Caravan({ apiKey: api.adminKey, baseUrl: api.url, fetch: recordingFetch });
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, { name: 'sdk' });
  const caravan = new Caravan({ apiKey: key, baseUrl: api.url, fetch: recordingFetch });
  return { api, admin, tenant, key, caravan };
}

// Counted so that running one test with --match does not fail the whole-file coverage check.
let registered = 0;
let completed = 0;
function sdkTest(title: string, fn: (t: ExecutionContext) => Promise<void>) {
  registered++;
  test(title, async (t) => {
    await fn(t);
    completed++;
  });
}

test.after('SDK › every operation of the spec succeeded through the SDK against the real server', (t) => {
  if (completed < registered) {
    t.pass('not every test of this file ran');
    return;
  }
  t.deepEqual(
    operations.map((o) => o.id).filter((id) => !succeeded.has(id)),
    [],
  );
});

sdkTest('SDK › operator groups: tenants, API keys and egress pools', async (t) => {
  const { api, admin, tenant, caravan } = await start(t);
  t.regex(tenant.id, /^tnt_/);
  t.is((await admin.tenants.get(tenant.id)).name, 'Acme');
  t.is((await admin.tenants.update(tenant.id, { name: 'Acme Inc' })).name, 'Acme Inc');
  const other = await admin.tenants.create({ name: 'Globex' });
  const names: string[] = [];
  for await (const tn of admin.tenants.list({ limit: 1 })) names.push(tn.name);
  t.deepEqual(names, ['Globex', 'Acme Inc'], 'every page, newest first');
  await admin.tenants.delete(other.id);
  await t.throwsAsync(admin.tenants.get(other.id), { instanceOf: CaravanApiError, message: /404/ });

  const second = await admin.apiKeys.create(tenant.id, { name: 'second' });
  t.is((await admin.apiKeys.update(tenant.id, second.id, { name: 'renamed' })).name, 'renamed');
  t.is((await admin.apiKeys.list(tenant.id)).data.length, 2);
  await admin.apiKeys.revoke(tenant.id, second.id);
  const revoked = new Caravan({ apiKey: second.key, baseUrl: api.url });

  // The tenant's own keys, with its own key: made, listed, revoked.
  const own = await caravan.tenant.createApiKey({ name: 'ci' });
  const ownNames: string[] = [];
  for await (const k of caravan.tenant.listApiKeys()) ownNames.push(k.name ?? '');
  t.true(ownNames.includes('ci') && ownNames.includes('sdk'));
  await caravan.tenant.revokeApiKey(own.id);
  const byOwn = new Caravan({ apiKey: own.key, baseUrl: api.url });
  await t.throwsAsync(byOwn.tenant.get(), { instanceOf: CaravanApiError, message: /401/ });
  const refused = await t.throwsAsync(revoked.tenant.get(), { instanceOf: CaravanApiError });
  t.is(refused.code, 'CARAVAN_UNAUTHORIZED');

  const pool = await admin.egressPools.create({
    name: 'eu-static',
    mode: 'bind',
    addresses: ['127.0.0.2'],
    publicIps: ['203.0.113.10'],
    allowedTenantIds: [tenant.id],
  });
  t.is((await admin.egressPools.get(pool.id)).name, 'eu-static');
  t.deepEqual((await admin.egressPools.update(pool.id, { publicIps: ['203.0.113.11'] })).publicIps, [
    '203.0.113.11',
  ]);
  t.is((await admin.egressPools.list()).data.length, 1);
  await admin.egressPools.delete(pool.id);
  t.is((await admin.egressPools.list()).data.length, 0);
});

sdkTest(
  'SDK › tenant groups: own tenant, event types, source types and sources with dead letters',
  async (t) => {
    const { api, admin, tenant, caravan } = await start(t);
    t.is((await caravan.tenant.get()).id, tenant.id);
    const stats = await caravan.tenant.getStats({ bucketSeconds: 300 });
    t.is(stats.bucketSeconds, 300);
    t.true(stats.data.length >= 12);
    const portal = await caravan.tenant.createPortalToken({ ownerId: 'cus_1', ttlSeconds: 600 });
    t.regex(portal.token, /^cpt_/);
    const updated = await caravan.tenant.update({ operationsUrl: 'https://ops.acme.example/caravan' });
    t.is(updated.operationsUrl, 'https://ops.acme.example/caravan');
    await admin.egressPools.create({
      name: 'shared',
      mode: 'bind',
      addresses: ['127.0.0.2'],
      publicIps: ['203.0.113.20'],
      allowAllTenants: true,
    });
    t.deepEqual(
      (await caravan.tenant.listEgressPools()).data.map((p) => p.publicIps),
      [['203.0.113.20']],
    );

    const eventType = await caravan.eventTypes.create({
      name: 'invoice.paid',
      schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
    });
    t.is((await caravan.eventTypes.get(eventType.name)).name, 'invoice.paid');
    t.is((await caravan.eventTypes.update(eventType.name, { description: 'Paid' })).description, 'Paid');
    t.deepEqual(
      (await caravan.eventTypes.list()).data.map((e) => e.name),
      ['invoice.paid'],
    );
    const mismatch = await t.throwsAsync(
      caravan.events.send({ eventType: 'invoice.paid', payload: { amount: 'x' } }),
      {
        instanceOf: CaravanApiError,
      },
    );
    t.is(mismatch.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
    t.true(mismatch.errors.some((e) => e.field === '/body/payload/amount'));
    await caravan.eventTypes.delete(eventType.name);

    const types = await caravan.sourceTypes.list();
    t.true(types.data.some((st) => st.id === 'aws-sqs'));
    t.is((await caravan.sourceTypes.get('aws-sqs')).id, 'aws-sqs');
    const destinationTypes = await caravan.destinationTypes.list();
    t.deepEqual(
      destinationTypes.data.map((d) => d.id),
      ['aws-sqs'],
    );
    t.is((await caravan.destinationTypes.get('aws-sqs')).displayName, 'Amazon SQS');

    const source = await caravan.sources.create({
      name: 'orders',
      type: 'aws-sqs',
      config: {
        queueUrl: 'http://127.0.0.1:9324/000000000000/sdk-orders',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9324',
      },
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret-value' },
    });
    t.true(source.hasCredentials);
    t.is((await caravan.sources.get(source.id)).name, 'orders');
    t.is((await caravan.sources.update(source.id, { name: 'orders-eu' })).name, 'orders-eu');
    t.is((await caravan.sources.list()).data.length, 1);
    t.is((await caravan.sources.pause(source.id)).status.state, 'paused');
    t.not((await caravan.sources.resume(source.id)).status.state, 'paused');
    // Dead letters are written by the source runner; stored here as it stores them.
    const deadLetterId = newId('dl');
    await api.db('dead_letters').insert({
      id: deadLetterId,
      tenant_id: tenant.id,
      source_id: source.id,
      message_id: 'm-1',
      body: Buffer.from('{"eventType":"order.created","payload":{"n":1}}'),
      attributes: '{}',
      reason: JSON.stringify({ code: 'CARAVAN_LOG_UNAVAILABLE', message: 'log down', errors: [] }),
      received_at: Date.now(),
      replayed_at: null,
      replayed_event_id: null,
    });
    const letters = await caravan.sources.listDeadLetters(source.id);
    t.deepEqual(
      letters.data.map((d) => d.messageId),
      ['m-1'],
    );
    const replayed = await caravan.sources.replayDeadLetter(source.id, deadLetterId);
    t.regex(replayed.id, /^evt_/);
    await caravan.sources.delete(source.id);
    t.is((await caravan.sources.list()).data.length, 0);
    t.deepEqual((await caravan.operationalEvents.list({ limit: 10 })).data, []);
  },
);

sdkTest('SDK › endpoints, events, deliveries and jobs', async (t) => {
  const { caravan } = await start(t);
  const endpoint = await caravan.endpoints.create({
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['invoice.*'],
  });
  t.regex(endpoint.secret, /^whsec_/);
  t.is((await caravan.endpoints.get(endpoint.id)).url, 'http://127.0.0.1:9/hook');
  t.is((await caravan.endpoints.update(endpoint.id, { description: 'billing' })).description, 'billing');
  t.is((await caravan.endpoints.list()).data.length, 1);
  const rotated = await caravan.endpoints.rotateSecret(endpoint.id);
  t.not(rotated.secret, endpoint.secret);
  t.is((await caravan.endpoints.listSecrets(endpoint.id)).data.length, 2, 'the old secret stays live');
  t.is((await caravan.endpoints.pause(endpoint.id)).status, 'paused');
  t.is((await caravan.endpoints.resume(endpoint.id)).status, 'active');
  t.truthy(await caravan.endpoints.getHealth(endpoint.id));

  const sent = await caravan.events.send({ eventType: 'invoice.paid', payload: { n: 1 } });
  t.false(sent.duplicate);
  const batch = await caravan.events.sendBatch({
    events: [
      { eventType: 'invoice.created', payload: { n: 2 } },
      { eventType: 'invoice.created', payload: { n: 3 }, idempotencyKey: 'inv-3' },
    ],
  });
  t.is(batch.data.length, 2);
  const again = await caravan.events.send({
    eventType: 'invoice.created',
    payload: { n: 99 },
    idempotencyKey: 'inv-3',
  });
  t.deepEqual(again, { id: batch.data[1]!.id, duplicate: true });

  await waitFor(
    async () => (await caravan.events.list()).data.length === 3,
    'the router to persist 3 events',
  );
  const event = await caravan.events.get(sent.id);
  t.deepEqual(event.payload, { n: 1 });
  const deliveries = [];
  for await (const d of caravan.deliveries.list({ eventId: sent.id })) deliveries.push(d);
  t.is(deliveries.length, 1);
  const delivery = await caravan.deliveries.get(deliveries[0]!.id);
  t.is(delivery.endpointId, endpoint.id);
  t.deepEqual((await caravan.deliveries.listAttempts(delivery.id)).data, []);

  const retry = await caravan.deliveries.retry(delivery.id);
  t.truthy(retry);
  const replay = await caravan.events.replay(sent.id);
  t.truthy(replay);
  const bulk = await caravan.deliveries.bulkRetry({ since: '2026-01-01T00:00:00.000Z', status: ['failed'] });
  t.is((await caravan.jobs.get(bulk.id)).id, bulk.id);
  const recover = await caravan.endpoints.recover(endpoint.id, { since: '2026-01-01T00:00:00.000Z' });
  t.is((await caravan.jobs.get(recover.id)).type, 'endpoint_recover');

  await caravan.endpoints.delete(endpoint.id);
  const gone = await t.throwsAsync(caravan.endpoints.get(endpoint.id), { instanceOf: CaravanApiError });
  t.is(gone.status, 404);
  t.regex(gone.code, /NOT_FOUND/);
});

sdkTest('SDK › a create or send whose answer is lost is retried with its key and acts once', async (t) => {
  const { api, caravan, key } = await start(t);
  // A loopback proxy in front of the real API that forwards the first POST, lets Caravan create the
  // endpoint, then drops the connection instead of passing the answer back.
  let dropped = 0;
  const target = new URL(api.url);
  const proxy = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (req.method === 'POST' && dropped === 0) {
          dropped++;
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    proxy.closeAllConnections();
    proxy.close();
  });
  const through = new Caravan({
    apiKey: key,
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    retryBaseDelayMs: 1,
  });
  const created = await through.endpoints.create({ url: 'http://127.0.0.1:9/hook' });
  t.is(dropped, 1, 'the first answer was lost');
  const all = await caravan.endpoints.list();
  t.deepEqual(
    all.data.map((e) => e.id),
    [created.id],
    'the retry replayed the first answer instead of creating a second endpoint',
  );

  dropped = 0;
  const sent = await through.events.send({ eventType: 'invoice.paid', payload: { n: 1 } });
  t.is(dropped, 1, 'the first answer to the send was lost');
  t.false(sent.duplicate, 'the retry found the event its own first attempt made: new, for the caller');
  await waitFor(async () => (await caravan.events.list()).data.length > 0, 'the router to persist the event');
  t.deepEqual(
    (await caravan.events.list()).data.map((e) => e.id),
    [sent.id],
    'one event, not two',
  );
  const again = await through.events.send({
    eventType: 'invoice.paid',
    payload: { n: 1 },
    idempotencyKey: 'k1',
  });
  const repeat = await through.events.send({
    eventType: 'invoice.paid',
    payload: { n: 1 },
    idempotencyKey: 'k1',
  });
  t.deepEqual(
    repeat,
    { id: again.id, duplicate: true },
    "the caller's own repeated key is still a duplicate",
  );
});
