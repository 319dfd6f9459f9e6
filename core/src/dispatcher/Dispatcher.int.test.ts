import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import {
  attemptRows,
  deliveryRow,
  seedDelivery,
  startTestDispatcher,
  type DispatchBackend,
  type Receiver,
  type TestDispatcher,
} from '../../../tests/support/dispatching.js';
import { generateHmacSecret } from '../crypto/webhookSecrets.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { DispatcherDeps } from './Dispatcher.js';
import { EXCERPT_BYTES } from './HttpSender.js';
import { waitFor } from '@caravan/testing';

type Harness = TestDispatcher;

interface HarnessOptions {
  allowedCidrs?: string[];
  dispatcher?: Partial<DispatcherDeps>;
}

const harness = (t: ExecutionContext, backend: DispatchBackend, options: HarnessOptions) =>
  startTestDispatcher(t, backend, { ...options, cacheTtlMs: 0 });

function eachBackend(
  title: string,
  fn: (t: ExecutionContext, h: Harness) => Promise<void>,
  options: HarnessOptions = {},
  backends: DispatchBackend[] = ['sqlite', 'kafka'],
) {
  for (const backend of backends) {
    test(`[${backend}] Dispatcher › ${title}`, async (t) => fn(t, await harness(t, backend, options)));
  }
}

eachBackend(
  'a Standard Webhooks verifier gets correctly signed requests with the exact payload bytes',
  async (t, h) => {
    const verified: unknown[] = [];
    let secret = '';
    const r = await h.receiver((req, res) => {
      try {
        verified.push(new Webhook(secret).verify(req.body, req.headers));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } catch {
        res.writeHead(400).end('bad signature');
      }
    });
    const ep = await h.endpoint({ url: r.url, headers: { 'X-Endpoint': 'e1' } });
    secret = ep.secrets[0]!;
    const payload = '{ "amount" : 100,\n  "note": "café ☕", "nested": {"b":1,"a":2} }';
    const record = await seedDelivery(h.db, {
      tenantId: h.tenantId,
      endpointId: ep.id,
      payload,
      headers: { 'x-trace': 'abc' },
    });
    await h.append(record);
    await h.waitForStatus(record.deliveryId, 'succeeded', 1);

    t.is(verified.length, 1);
    const req = r.received[0]!;
    t.true(req.body.equals(Buffer.from(payload, 'utf8')), 'the exact bytes, never re-serialised');
    t.like(req.headers, {
      'content-type': 'application/json',
      'user-agent': 'Caravan/0.0.0-test',
      'x-endpoint': 'e1',
      'x-trace': 'abc',
      'webhook-id': record.eventId,
      'webhook-timestamp': String(Math.floor(h.clock.now() / 1000)),
    });
    const [attempt] = await attemptRows(h.db, record.deliveryId);
    t.like(attempt, { attempt_number: 1, status_code: 200, error_code: null, response_body_excerpt: 'ok' });
    t.is(attempt?.request_headers['webhook-signature'], req.headers['webhook-signature']);
    t.false(JSON.stringify(attempt).includes(secret.slice(6)), 'no secret is stored with the attempt');
    const row = await deliveryRow(h.db, record.deliveryId);
    t.like(row, { last_status_code: 200, last_error: null, next_attempt_at: null, claimed_until: null });
  },
);

eachBackend('two live secrets give two signatures, each verifies on its own', async (t, h) => {
  const r = await h.receiver();
  const ep = await h.endpoint({
    url: r.url,
    secrets: [generateHmacSecret(), generateHmacSecret()],
  });
  const record = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  await h.append(record);
  await h.waitForStatus(record.deliveryId, 'succeeded');
  const req = r.received[0]!;
  t.is(req.headers['webhook-signature']?.split(' ').length, 2);
  for (const secret of ep.secrets) {
    t.deepEqual(new Webhook(secret).verify(req.body, req.headers), JSON.parse(record.payload));
  }
});

eachBackend(
  'a receiver failing with 500 then 200: retrying, then succeeded once the retry is due',
  async (t, h) => {
    let calls = 0;
    const r = await h.receiver((_req, res) => void res.writeHead(calls++ === 0 ? 500 : 200).end());
    const ep = await h.endpoint({ url: r.url, retrySchedule: [30, 60] });
    const record = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(record);
    await h.waitForStatus(record.deliveryId, 'retrying', 1);
    const retrying = await deliveryRow(h.db, record.deliveryId);
    t.is(retrying.next_attempt_at, h.clock.now() + 30_000);
    t.is(retrying.last_status_code, 500);
    t.deepEqual(JSON.parse(retrying.last_error ?? 'null'), { code: 'non_2xx_status', message: 'HTTP 500' });

    t.is(await h.scheduler.runOnce(), 0, 'not due yet');
    h.clock.advance(30_000);
    t.is(await h.scheduler.runOnce(), 1);
    await h.waitForStatus(record.deliveryId, 'succeeded', 2);
    const attempts = await attemptRows(h.db, record.deliveryId);
    t.deepEqual(
      attempts.map((a) => [a.attempt_number, a.status_code, a.error_code]),
      [
        [1, 500, 'non_2xx_status'],
        [2, 200, null],
      ],
    );
    t.is(r.received.length, 2);
    t.is(r.received[0]?.headers['webhook-id'], r.received[1]?.headers['webhook-id'], 'webhook-id is stable');
    t.not(r.received[0]?.headers['webhook-timestamp'], r.received[1]?.headers['webhook-timestamp']);
  },
);

eachBackend('410 Gone disables the endpoint and settles its other unsent deliveries', async (t, h) => {
  const r = await h.receiver((_req, res) => void res.writeHead(410).end());
  const ep = await h.endpoint({ url: r.url });
  const gone = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  const neverSent = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  const due = await seedDelivery(h.db, {
    tenantId: h.tenantId,
    endpointId: ep.id,
    status: 'retrying',
    attemptCount: 2,
    nextAttemptAt: h.clock.now() + 60_000,
  });
  await h.append(gone);
  await h.waitForStatus(gone.deliveryId, 'failed', 1);
  const endpoint = await h
    .db('endpoints')
    .where({ id: ep.id })
    .first<{ status: string; disabled_reason: string }>('status', 'disabled_reason');
  t.deepEqual({ ...endpoint }, { status: 'disabled', disabled_reason: 'gone' });
  const events = (await h.db('operational_events').where({ tenant_id: h.tenantId })) as {
    type: string;
    data: string;
  }[];
  t.deepEqual(
    events.map((e) => ({ type: e.type, data: JSON.parse(e.data) as unknown })),
    [
      {
        type: 'endpoint.disabled',
        data: {
          endpointId: ep.id,
          ownerId: null,
          reason: 'gone',
          failingSince: null,
          lastError: { code: 'non_2xx_status', message: 'HTTP 410' },
        },
      },
    ],
    'the tenant is told, once',
  );
  t.like(await deliveryRow(h.db, neverSent.deliveryId), { status: 'discarded', next_attempt_at: null });
  t.like(await deliveryRow(h.db, due.deliveryId), {
    status: 'failed',
    next_attempt_at: null,
    attempt_count: 2,
  });

  const control = await h.receiver();
  const other = await h.endpoint({ url: control.url });
  const later = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: other.id });
  await h.append(neverSent, later);
  await h.waitForStatus(later.deliveryId, 'succeeded');
  t.is(r.received.length, 1, 'nothing more is sent to a disabled endpoint');
});

eachBackend(
  'receivers that hang, reset, redirect, answer 10 MB or answer too late: clear errors, and it keeps going',
  async (t, h) => {
    const hang = await h.receiver(() => undefined);
    const reset = await h.receiver((_req, _res, raw) => void raw.socket.destroy());
    const redirect = await h.receiver(
      (_req, res) => void res.writeHead(302, { location: 'http://127.0.0.1:9/' }).end(),
    );
    const huge = await h.receiver((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'y');
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const late = await h.receiver((_req, res) => void setTimeout(() => res.writeHead(200).end(), 5_000));
    const cases: [Receiver, string, number | null][] = [
      [hang, 'timeout', null],
      [reset, 'connection_failed', null],
      [redirect, 'non_2xx_status', 302],
      [huge, 'non_2xx_status', 500],
      [late, 'timeout', null],
    ];
    const records: DeliveryRecord[] = [];
    for (const [receiver] of cases) {
      // Generous: other tests in this process block the event loop while they migrate SQLite files.
      const ep = await h.endpoint({ url: receiver.url, timeoutMs: 2_000 });
      records.push(await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id }));
    }
    const healthy = await h.receiver();
    const ok = await seedDelivery(h.db, {
      tenantId: h.tenantId,
      endpointId: (await h.endpoint({ url: healthy.url })).id,
    });
    await h.append(...records, ok);

    for (const record of records) await h.waitForStatus(record.deliveryId, 'retrying', 1);
    await h.waitForStatus(ok.deliveryId, 'succeeded');
    for (const [i, [, code, status]] of cases.entries()) {
      const [attempt] = await attemptRows(h.db, records[i]!.deliveryId);
      t.is(attempt?.error_code, code, `case ${i}`);
      t.is(attempt?.status_code, status, `case ${i}`);
      t.truthy(attempt?.error_message, `case ${i}`);
    }
    const [hugeAttempt] = await attemptRows(h.db, records[3]!.deliveryId);
    t.is(hugeAttempt?.response_body_excerpt?.length, EXCERPT_BYTES);
    const timedOut = await deliveryRow(h.db, records[0]!.deliveryId);
    t.is(timedOut.next_attempt_at, h.clock.now() + 60_000, 'a timeout waits at least 60 s');
  },
);

eachBackend('a slow endpoint does not delay the other endpoints on the same partition', async (t, h) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const slow = await h.receiver(async (_req, res) => {
    await released;
    res.writeHead(200).end();
  });
  const fast = await h.receiver();
  const slowEp = await h.endpoint({ url: slow.url, timeoutMs: 60_000 });
  const fastEp = await h.endpoint({ url: fast.url });
  const slowRecords: DeliveryRecord[] = [];
  const fastRecords: DeliveryRecord[] = [];
  for (let i = 0; i < 5; i++)
    slowRecords.push(await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: slowEp.id }));
  for (let i = 0; i < 20; i++)
    fastRecords.push(await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: fastEp.id }));
  // The slow endpoint's records come first in the partition (one partition in these tests).
  await h.append(...slowRecords);
  await h.append(...fastRecords);

  await waitFor(() => slow.received.length === 5, 'the slow endpoint to have every request in hand');
  for (const record of fastRecords) await h.waitForStatus(record.deliveryId, 'succeeded', 1);
  t.is(fast.received.length, 20);
  for (const record of slowRecords) {
    t.like(await deliveryRow(h.db, record.deliveryId), { status: 'pending', attempt_count: 0 });
  }
  release();
  for (const record of slowRecords) await h.waitForStatus(record.deliveryId, 'succeeded', 1);
});

eachBackend(
  'an address outside the allowlist is an address_not_allowed attempt, and nothing is sent',
  async (t, h) => {
    const forbidden = await h.receiver(undefined, '127.0.0.2');
    const ep = await h.endpoint({ url: forbidden.url });
    const record = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(record);
    await h.waitForStatus(record.deliveryId, 'retrying', 1);
    const [attempt] = await attemptRows(h.db, record.deliveryId);
    t.is(attempt?.error_code, 'address_not_allowed');
    t.is(attempt?.status_code, null);
    t.is(forbidden.received.length, 0);
  },
  { allowedCidrs: ['127.0.0.1/32'] },
);

eachBackend('a paused endpoint keeps its deliveries pending without spending attempts', async (t, h) => {
  const r = await h.receiver();
  const ep = await h.endpoint({ url: r.url, status: 'paused' });
  const record = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  await h.append(record);
  await waitFor(
    async () => (await deliveryRow(h.db, record.deliveryId)).next_attempt_at !== null,
    'the hold',
  );
  t.like(await deliveryRow(h.db, record.deliveryId), {
    status: 'pending',
    attempt_count: 0,
    next_attempt_at: h.clock.now() + 60_000,
  });
  t.deepEqual(await attemptRows(h.db, record.deliveryId), []);

  await h.db('endpoints').where({ id: ep.id }).update({ status: 'active' });
  h.clock.advance(60_000);
  t.is(await h.scheduler.runOnce(), 1);
  await h.waitForStatus(record.deliveryId, 'succeeded', 1);
  t.is(r.received.length, 1);
});

eachBackend('stale, settled, duplicate and orphaned records are skipped without a request', async (t, h) => {
  const r = await h.receiver();
  const ep = await h.endpoint({ url: r.url });
  const settled = await seedDelivery(h.db, {
    tenantId: h.tenantId,
    endpointId: ep.id,
    status: 'succeeded',
    attemptCount: 1,
  });
  const retried = await seedDelivery(h.db, {
    tenantId: h.tenantId,
    endpointId: ep.id,
    status: 'retrying',
    attemptCount: 1,
    nextAttemptAt: h.clock.now() + 60_000,
  });
  const stale = { ...retried, attempt: 0 };
  const fresh = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  const deleted = await seedDelivery(h.db, {
    tenantId: h.tenantId,
    endpointId: 'ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N',
  });
  const disabledEp = await h.endpoint({ url: r.url, status: 'disabled' });
  const disabledNew = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: disabledEp.id });
  const disabledDue = await seedDelivery(h.db, {
    tenantId: h.tenantId,
    endpointId: disabledEp.id,
    status: 'retrying',
    attemptCount: 3,
  });
  await h.append(settled, stale, fresh, fresh, deleted, disabledNew, disabledDue);

  await h.waitForStatus(fresh.deliveryId, 'succeeded', 1);
  await h.waitForStatus(deleted.deliveryId, 'discarded');
  await h.waitForStatus(disabledNew.deliveryId, 'discarded');
  await h.waitForStatus(disabledDue.deliveryId, 'failed', 3);
  t.is(r.received.length, 1, 'only the fresh record was sent, once');
  t.like(await deliveryRow(h.db, retried.deliveryId), { status: 'retrying', attempt_count: 1 });
  t.like(await deliveryRow(h.db, settled.deliveryId), { status: 'succeeded', attempt_count: 1 });
});

eachBackend('stop lets a request in flight finish and stores its outcome', async (t, h) => {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const r = await h.receiver(async (_req, res) => {
    await answered;
    res.writeHead(200).end();
  });
  const ep = await h.endpoint({ url: r.url });
  const record = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  await h.append(record);
  await waitFor(() => r.received.length === 1, 'the request');
  const stopping = h.dispatcher.stop({ graceMs: 10_000 });
  answer();
  await stopping;
  t.like(await deliveryRow(h.db, record.deliveryId), { status: 'succeeded', attempt_count: 1 });
});
