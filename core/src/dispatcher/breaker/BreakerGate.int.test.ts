import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import {
  attemptRows,
  deliveryRow,
  openDispatchRig,
  seedDelivery,
  seedEndpoint,
  type DispatchBackend,
  type DispatchRig,
} from '../../../../tests/support/dispatching.js';
import { generateHmacSecret } from '../../crypto/webhookSecrets.js';
import type { DeliveryRecord } from '../../domain/pipelineRecords.js';
import { toEndpointHealth } from '../../management/endpointHealth.js';
import type { DeliveryDispatcher } from '../Dispatcher.js';
import { BreakerGate } from './BreakerGate.js';
import type { BreakerSettings } from './BreakerPolicy.js';
import { waitFor } from '@caravan/testing';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const DAY = 86_400_000;
const settings: Partial<BreakerSettings> = { minRequests: 4, failureRatio: 0.5, consecutiveErrors: 3 };

interface Harness extends Omit<DispatchRig, 'startDispatcher'> {
  /** Starts a dispatcher with a breaker gate of its own; the second and later on their own connection pool (a process). */
  startDispatcher(options?: { settings?: Partial<BreakerSettings> }): Promise<{
    dispatcher: DeliveryDispatcher;
    gate: BreakerGate;
  }>;
  breaker(endpointId: string): Promise<Record<string, unknown> | undefined>;
  events(type?: string): Promise<{ id: string; type: string; data: Record<string, unknown> }[]>;
}

async function harness(t: ExecutionContext, backend: DispatchBackend): Promise<Harness> {
  const rig = await openDispatchRig(t, backend);
  let started = 0;
  return {
    ...rig,
    async startDispatcher(options = {}) {
      const { dispatcher, gates } = await rig.startDispatcher({
        ownConnection: started++ > 0,
        cacheTtlMs: 0,
        operationsTargets: true,
        gates: ({ storage, endpoints, clock }) => [
          new BreakerGate({
            store: storage.breakers,
            clock,
            logger,
            settings: options.settings ?? settings,
            refreshMs: 0,
            onDisabled: (tenant, id) => endpoints.markDisabled(tenant, id, 'continuous_failure'),
          }),
        ],
      });
      return { dispatcher, gate: gates[0] as BreakerGate };
    },
    breaker: async (endpointId) =>
      (await rig.db('endpoint_breakers').where({ endpoint_id: endpointId }).first()) as
        Record<string, unknown> | undefined,
    async events(type) {
      const page = await rig.storage.operationalEvents.list(rig.tenantId, type as never, { limit: 100 });
      return page.data;
    },
  };
}

function eachBackend(title: string, fn: (t: ExecutionContext, h: Harness) => Promise<void>) {
  for (const backend of ['sqlite', 'mariadb', 'kafka'] as const) {
    test(`[${backend}] BreakerGate › ${title}`, async (t) => fn(t, await harness(t, backend)));
  }
}

/** Sends `n` deliveries to a receiver answering 500 and waits until the breaker has opened. */
async function openBreaker(h: Harness, endpointId: string, n = 4): Promise<DeliveryRecord[]> {
  const records: DeliveryRecord[] = [];
  for (let i = 0; i < n; i++) records.push(await seedDelivery(h.db, { tenantId: h.tenantId, endpointId }));
  await h.append(...records);
  await waitFor(async () => (await h.breaker(endpointId))?.state === 'open', 'the breaker to open');
  return records;
}

eachBackend(
  'opens on the failure ratio, parks without attempts, probes once, closes on success',
  async (t, h) => {
    await h.startDispatcher();
    let status = 500;
    const r = await h.receiver((_req, res) => void res.writeHead(status).end());
    const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
    const failed = await openBreaker(h, ep.id);
    for (const f of failed) {
      await waitFor(async () => (await deliveryRow(h.db, f.deliveryId)).attempt_count === 1, 'the attempts');
      t.like(await deliveryRow(h.db, f.deliveryId), { status: 'retrying' });
    }
    const openedAt = h.clock.now();
    t.like(await h.breaker(ep.id), { state: 'open', opened_at: openedAt, next_probe_at: openedAt + 30_000 });
    const opened = await h.events('endpoint.breaker_opened');
    t.is(opened.length, 1);
    t.like(opened[0]!.data, {
      endpointId: ep.id,
      nextProbeAt: new Date(openedAt + 30_000).toISOString(),
      lastError: { code: 'non_2xx_status' },
    });

    const health = toEndpointHealth(
      (await h.storage.endpoints.get(h.tenantId, ep.id))!,
      await h.storage.endpoints.health(h.tenantId, ep.id, openedAt - 60_000),
    );
    t.like(health, { breakerState: 'open', breakerOpenedAt: openedAt, nextProbeAt: openedAt + 30_000 });
    t.is(health.recentSuccessRate, 0);
    t.is(health.failingSince, openedAt);

    // While open: parked until the probe time, no request, no attempt spent.
    const parked = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(parked);
    await waitFor(
      async () => (await deliveryRow(h.db, parked.deliveryId)).next_attempt_at !== null,
      'the hold',
    );
    t.like(await deliveryRow(h.db, parked.deliveryId), {
      status: 'pending',
      attempt_count: 0,
      next_attempt_at: openedAt + 30_000,
    });
    t.deepEqual(await attemptRows(h.db, parked.deliveryId), []);
    t.is(r.received.length, 4);

    // Half-open: the parked delivery is the probe; its success closes the breaker.
    status = 200;
    h.clock.advance(30_000);
    t.is(await h.scheduler.runOnce(), 1);
    await waitFor(
      async () => (await deliveryRow(h.db, parked.deliveryId)).status === 'succeeded',
      'the probe',
    );
    await waitFor(async () => (await h.breaker(ep.id))?.state === 'closed', 'the breaker to close');
    t.like(await deliveryRow(h.db, parked.deliveryId), { attempt_count: 1 });
    t.is(r.received.length, 5);
    const recovered = await h.events('endpoint.recovered');
    t.is(recovered.length, 1);
    t.like(recovered[0]!.data, { endpointId: ep.id, failingSince: new Date(openedAt).toISOString() });
    await waitFor(
      async () => (await h.db('endpoints').where({ id: ep.id }).first()).failing_since === null,
      'failing-since to clear',
    );
  },
);

eachBackend('a failed probe opens it again for twice as long', async (t, h) => {
  await h.startDispatcher();
  const r = await h.receiver((_req, res) => void res.writeHead(503).end());
  const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
  await openBreaker(h, ep.id);
  const probe = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  h.clock.advance(30_000);
  await h.append(probe);
  await waitFor(async () => (await deliveryRow(h.db, probe.deliveryId)).attempt_count === 1, 'the probe');
  await waitFor(async () => (await h.breaker(ep.id))?.failed_probes === 1, 'the breaker to reopen');
  t.like(await h.breaker(ep.id), { state: 'open', next_probe_at: h.clock.now() + 60_000 });
  t.is((await h.events('endpoint.breaker_opened')).length, 1);
});

eachBackend(
  'the state survives a restart, is shared by dispatchers, and one probe goes across them',
  async (t, h) => {
    const first = await h.startDispatcher();
    const r = await h.receiver((_req, res) => void res.writeHead(500).end());
    const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
    await openBreaker(h, ep.id);
    await first.dispatcher.stop({ graceMs: 0 });

    // A new process (own pool, own gate) parks the endpoint's deliveries without a request.
    const second = await h.startDispatcher();
    const parked = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(parked);
    await waitFor(
      async () => (await deliveryRow(h.db, parked.deliveryId)).next_attempt_at !== null,
      'the hold',
    );
    t.like(await deliveryRow(h.db, parked.deliveryId), { status: 'pending', attempt_count: 0 });
    t.is(r.received.length, 4);

    // Past the open period, two gates race for the probe: exactly one gets it.
    h.clock.advance(30_000);
    const endpoint = (await h.storage.endpoints.get(h.tenantId, ep.id))!;
    const request = { record: parked, endpoint, now: h.clock.now() };
    const answers = await Promise.all([first.gate.acquire(request), second.gate.acquire(request)]);
    t.is(answers.filter((a) => a.admitted).length, 1);
    t.like(await h.breaker(ep.id), { state: 'half_open' });
  },
);

eachBackend(
  'an endpoint failing for the configured period is disabled, exactly at the boundary',
  async (t, h) => {
    // High thresholds: the breaker stays closed, so every delivery is an attempt.
    await h.startDispatcher({
      settings: { minRequests: 1000, consecutiveErrors: 1000, disableAfterMs: 5 * DAY },
    });
    const r = await h.receiver((_req, res) => void res.writeHead(500).end());
    const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
    const since = h.clock.now() - 5 * DAY + 1;
    await h.db('endpoints').where({ id: ep.id }).update({ failing_since: since });

    const before = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(before);
    await waitFor(
      async () => (await deliveryRow(h.db, before.deliveryId)).attempt_count === 1,
      'the attempt',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    t.like(await h.db('endpoints').where({ id: ep.id }).first(), { status: 'active', failing_since: since });
    t.deepEqual(await h.events('endpoint.disabled'), []);

    h.clock.advance(1);
    const at = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
    await h.append(at);
    await waitFor(
      async () => (await h.db('endpoints').where({ id: ep.id }).first()).status === 'disabled',
      'the endpoint to be disabled',
    );
    t.like(await h.db('endpoints').where({ id: ep.id }).first(), { disabled_reason: 'continuous_failure' });
    const disabled = await h.events('endpoint.disabled');
    t.is(disabled.length, 1);
    t.like(disabled[0]!.data, {
      endpointId: ep.id,
      reason: 'continuous_failure',
      failingSince: new Date(since).toISOString(),
    });
    // What was still to be sent is settled like after a 410.
    await waitFor(async () => (await deliveryRow(h.db, before.deliveryId)).status === 'failed', 'settling');
  },
);

eachBackend('operational events reach the operations URL signed with the operations secret', async (t, h) => {
  await h.startDispatcher();
  const opsSecret = generateHmacSecret();
  const verified: { type: string; id: string; data: Record<string, unknown> }[] = [];
  const ops = await h.receiver((req, res) => {
    try {
      verified.push(new Webhook(opsSecret).verify(req.body, req.headers) as (typeof verified)[number]);
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
  await h
    .db('tenants')
    .where({ id: h.tenantId })
    .update({
      operations_url: ops.url,
      operations_secret_encrypted: h.keyRing.encrypt(opsSecret, `tenant:${h.tenantId}`),
    });
  const r = await h.receiver((_req, res) => void res.writeHead(500).end());
  // No retries: each failure also exhausts its delivery.
  const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [] });
  await openBreaker(h, ep.id);
  await waitFor(async () => (await h.events('delivery.exhausted')).length === 4, 'exhausted events');

  // The scheduler hands the due operational deliveries to the dispatcher, like any due delivery.
  await waitFor(async () => {
    await h.scheduler.runOnce();
    return verified.length === 5;
  }, 'the operational webhooks');
  t.is(ops.received.length, 5);
  const listed = await h.events();
  t.deepEqual(verified.map((v) => v.id).sort(), listed.map((e) => e.id).sort());
  const opened = verified.find((v) => v.type === 'endpoint.breaker_opened')!;
  t.like(opened.data, { endpointId: ep.id, lastError: { code: 'non_2xx_status' } });
  const request = ops.received.find((q) => q.headers['webhook-id'] === opened.id);
  t.truthy(request, 'webhook-id is the operational event id');
  const exhausted = verified.find((v) => v.type === 'delivery.exhausted')!;
  t.like(exhausted.data, { endpointId: ep.id, attemptCount: 1, lastStatusCode: 500 });
});

eachBackend('failures counted before a restart still count after it', async (t, h) => {
  const first = await h.startDispatcher();
  const r = await h.receiver((_req, res) => void res.writeHead(500).end());
  const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
  const early = [];
  for (let i = 0; i < 3; i++)
    early.push(await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id }));
  await h.append(...early);
  for (const d of early) {
    await waitFor(async () => (await deliveryRow(h.db, d.deliveryId)).attempt_count === 1, 'the attempts');
  }
  await first.dispatcher.stop({ graceMs: 0 });
  await first.gate.close();
  t.like(await h.breaker(ep.id), { state: 'closed' }, 'three failures are below the minimum of four');

  await h.startDispatcher();
  const fourth = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  await h.append(fourth);
  await waitFor(async () => (await h.breaker(ep.id))?.state === 'open', 'the fourth failure to open it');
  t.is(r.received.length, 4);
});

eachBackend('resuming an endpoint resets its breaker and failure tracking', async (t, h) => {
  await h.startDispatcher();
  const r = await h.receiver((_req, res) => void res.writeHead(500).end());
  const ep = await seedEndpoint(h.db, h.keyRing, h.tenantId, { url: r.url, retrySchedule: [600] });
  await openBreaker(h, ep.id);
  const endpoints = h.storage.endpoints;
  await h
    .db('endpoints')
    .where({ id: ep.id })
    .update({ status: 'disabled', disabled_reason: 'continuous_failure' });
  h.clock.advance(DAY);
  await endpoints.setStatus(h.tenantId, ep.id, 'active', h.clock.now());
  t.is(await h.breaker(ep.id), undefined);

  // Past the gate's re-read period, a new failure starts a new failing period and is sent at once.
  h.clock.advance(10_000);
  const next = await seedDelivery(h.db, { tenantId: h.tenantId, endpointId: ep.id });
  await h.append(next);
  await waitFor(async () => (await deliveryRow(h.db, next.deliveryId)).attempt_count === 1, 'the attempt');
  await waitFor(
    async () => (await endpoints.get(h.tenantId, ep.id))?.failingSince === h.clock.now(),
    'a new failing-since',
  );
});
