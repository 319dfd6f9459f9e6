import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import { runCaravan, startCaravanServer } from '../support/caravanProcess.js';
import { startReceiver, waitFor, type ReceivedRequest } from '../support/dispatching.js';
import { createScratchMysqlDatabase } from '../support/mysql.js';
import { serviceSetting } from '../support/services.js';

/**
 * How long a dispatcher may still sign with what it read before a rotation: its endpoint cache TTL
 * (5 s, docs/endpoints.md) plus a margin for a request signed just before and still on its way.
 */
const PROPAGATION_MS = 5_000 + 2_000;

type Call = (
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) => Promise<{ status: number; body: any }>;

function client(url: string, adminKey: string): Call {
  return async (method, path, body, key = adminKey) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const signatures = (r: ReceivedRequest) => (r.headers['webhook-signature'] ?? '').split(' ').filter(Boolean);
const verifies = (secret: string, r: ReceivedRequest) => {
  try {
    new Webhook(secret).verify(r.body, r.headers);
    return true;
  } catch {
    return false;
  }
};

/**
 * A receiver that knows one secret at a time, as a customer's does, and verifies every request with
 * the official `standardwebhooks` package; events flow through the API the whole time.
 */
async function rotateUnderLoad(t: ExecutionContext, call: Call) {
  const tenant = await call('POST', '/v1/tenants', { name: 'Rotation' });
  t.is(tenant.status, 201, JSON.stringify(tenant.body));
  const key = (await call('POST', `/v1/tenants/${tenant.body.id}/api-keys`, {})).body.key as string;

  const receiver = {
    known: '',
    failed: [] as ReceivedRequest[],
    verified: [] as ReceivedRequest[],
    verifiedIds: new Set<string>(),
  };
  const server = await startReceiver((req, res) => {
    if (verifies(receiver.known, req)) {
      receiver.verified.push(req);
      receiver.verifiedIds.add(req.headers['webhook-id'] ?? '');
      res.writeHead(204).end();
    } else {
      receiver.failed.push(req);
      res.writeHead(400).end('bad signature');
    }
  });
  t.teardown(() => server.close());
  const endpoint = await call(
    'POST',
    '/v1/endpoints',
    { url: server.url, retrySchedule: [1, 2, 2, 2, 2, 2, 2, 2, 2, 2] },
    key,
  );
  t.is(endpoint.status, 201, JSON.stringify(endpoint.body));
  const secretA = endpoint.body.secret as string;
  receiver.known = secretA;

  const produced: string[] = [];
  let producing = true;
  const producer = (async () => {
    for (let n = 0; producing; n++) {
      const res = await call('POST', '/v1/events', { eventType: 'invoice.paid', payload: { n } }, key);
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
      produced.push(res.body.id as string);
      await sleep(20);
    }
  })();
  const verifiedSince = (index: number) => receiver.verified.length - index;

  // Before: everything verifies with the secret the receiver has.
  await waitFor(() => receiver.verified.length >= 20, '20 verified deliveries before the rotation', 90_000);

  // Rotation with a grace period: the receiver keeps the old secret until it chooses to switch.
  const rotated = await call(
    'POST',
    `/v1/endpoints/${endpoint.body.id}/secret/rotate`,
    { gracePeriodSeconds: 3600 },
    key,
  );
  t.is(rotated.status, 200, JSON.stringify(rotated.body));
  const secretB = rotated.body.secret as string;
  const rotatedAt = Date.now();
  await waitFor(
    () => server.received.some((r) => signatures(r).length === 2),
    'a request signed with both secrets',
    60_000,
  );
  await waitFor(() => Date.now() >= rotatedAt + PROPAGATION_MS, 'the rotation to reach every dispatcher');
  receiver.known = secretB;
  const switchedAt = receiver.verified.length;
  await waitFor(() => verifiedSince(switchedAt) >= 20, '20 deliveries verified with the new secret', 90_000);
  producing = false;
  await producer;
  await waitFor(() => produced.every((id) => receiver.verifiedIds.has(id)), 'every event verified', 90_000);

  t.is(receiver.failed.length, 0, 'zero failed verifications across the rotation');
  const overlap = server.received.filter((r) => signatures(r).length === 2);
  t.true(overlap.length > 0);
  t.true(
    overlap.every((r) => verifies(secretA, r) && verifies(secretB, r)),
    'each signature verifies on its own',
  );
  t.true(receiver.verified.slice(switchedAt).every((r) => verifies(secretB, r)));
  t.log(
    `grace rotation: ${produced.length} events, ${server.received.length} requests, ${overlap.length} with two signatures, ${receiver.failed.length} failed verifications`,
  );

  // Emergency rotation (grace 0): the receiver drops the leaked secret at once. Requests a dispatcher
  // still signs with it are refused, and delivered again under the new secret: nothing is lost, and once
  // the rotation has propagated the leaked secret signs nothing.
  const before = { produced: produced.length, received: server.received.length };
  producing = true;
  const producer2 = (async () => {
    for (let n = 0; producing; n++) {
      const res = await call('POST', '/v1/events', { eventType: 'invoice.paid', payload: { e: n } }, key);
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
      produced.push(res.body.id as string);
      await sleep(20);
    }
  })();
  await waitFor(() => produced.length >= before.produced + 10, 'events flowing again');
  const emergency = await call(
    'POST',
    `/v1/endpoints/${endpoint.body.id}/secret/rotate`,
    { gracePeriodSeconds: 0 },
    key,
  );
  t.is(emergency.status, 200);
  const secretC = emergency.body.secret as string;
  receiver.known = secretC;
  const emergencyAt = Date.now();
  const listed = await call('GET', `/v1/endpoints/${endpoint.body.id}/secrets`, undefined, key);
  t.deepEqual(
    listed.body.data.map((s: { id: string }) => s.id),
    [emergency.body.id],
    'only the new secret is live',
  );
  await waitFor(() => Date.now() >= emergencyAt + PROPAGATION_MS, 'the emergency rotation to propagate');
  const settled = server.received.length;
  await waitFor(
    () => server.received.length >= settled + 20,
    '20 requests after the emergency rotation',
    90_000,
  );
  producing = false;
  await producer2;
  await waitFor(() => produced.every((id) => receiver.verifiedIds.has(id)), 'every event verified', 120_000);

  const after = server.received.slice(settled);
  t.true(
    after.every((r) => signatures(r).length === 1),
    'one signature: the leaked secret no longer signs',
  );
  t.true(after.every((r) => verifies(secretC, r) && !verifies(secretB, r) && !verifies(secretA, r)));
  const refused = receiver.failed.length;
  t.true(receiver.failed.every((r) => verifies(secretB, r) && r.receivedAt < emergencyAt + PROPAGATION_MS));
  t.log(
    `emergency rotation: ${produced.length - before.produced} events, ${server.received.length - before.received} requests, ${refused} refused while it propagated, all delivered`,
  );
}

test('rotation › on caravan dev, continuous events verify across a rotation; an emergency rotation loses nothing', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-rotation-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  await rotateUnderLoad(t, client(server.url, adminKey));
  t.is(await server.stop('SIGINT'), 0);
});

test('rotation › on MariaDB and Kafka with the API and a worker as separate processes', async (t) => {
  const scratch = await createScratchMysqlDatabase('rotation');
  t.teardown(scratch.drop);
  const env = {
    CARAVAN_DATABASE_URL: `mysql://${serviceSetting('CARAVAN_TEST_MYSQL_USER')}:${serviceSetting('CARAVAN_TEST_MYSQL_PASSWORD')}@${serviceSetting('CARAVAN_TEST_MYSQL_HOST')}:${serviceSetting('CARAVAN_TEST_MYSQL_PORT')}/${scratch.name}`,
    CARAVAN_LOG_ENGINE: 'kafka',
    CARAVAN_KAFKA_BROKERS: serviceSetting('CARAVAN_TEST_KAFKA_BROKERS'),
    CARAVAN_KAFKA_TOPIC_PREFIX: `rotation-${randomBytes(4).toString('hex')}.`,
    CARAVAN_KAFKA_EVENTS_PARTITIONS: '3',
    CARAVAN_KAFKA_DELIVERIES_PARTITIONS: '3',
    CARAVAN_ADMIN_KEY: `cadm_${randomBytes(18).toString('hex')}`,
    CARAVAN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    CARAVAN_SSRF_ALLOWED_CIDRS: '127.0.0.0/8',
    CARAVAN_PORT: '0',
    CARAVAN_LOG_LEVEL: 'info',
  };
  const migrated = await runCaravan(['migrate', 'latest'], env);
  t.is(migrated.code, 0, migrated.output);
  const api = await startCaravanServer(['api'], env);
  t.teardown(() => api.stop('SIGKILL'));
  const worker = await startCaravanServer(
    ['worker', '--roles', 'router,dispatcher,scheduler'],
    env,
    60_000,
    /worker running/,
  );
  t.teardown(() => worker.stop('SIGKILL'));
  await rotateUnderLoad(t, client(api.url, env.CARAVAN_ADMIN_KEY));
  t.is(await worker.stop('SIGTERM'), 0);
  t.is(await api.stop('SIGTERM'), 0);
});
