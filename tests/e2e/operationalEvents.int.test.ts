import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Webhook } from 'standardwebhooks';
import { startCaravanServer } from '../support/caravanProcess.js';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver } from '../support/dispatching.js';
import { waitFor } from '@caravan/testing';

/**
 * What a tenant sees of a failing endpoint, end to end on `caravan dev`: the breaker opens, the
 * operations URL gets a signed `endpoint.breaker_opened`, further deliveries wait without spending
 * attempts, health shows it, and once the receiver answers again a probe closes the breaker and
 * `endpoint.recovered` follows. Small thresholds (env) keep it short.
 */
test('operational events › a failing endpoint opens its breaker and the tenant is told, signed', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-e2e-ops-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0'], {
    CARAVAN_SSRF_ALLOWED_CIDRS: '127.0.0.0/8',
    CARAVAN_BREAKER_MIN_REQUESTS: '4',
    CARAVAN_BREAKER_OPEN_MS: '10000',
  });
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const admin = caravanClient(server.url, adminKey);

  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);

  const opsSecret = 'whsec_R9UU5jMemmX1gj11aON6is+ZV67dvGWl';
  const verified: { id: string; type: string; data: Record<string, unknown> }[] = [];
  const ops = await startReceiver((req, res) => {
    try {
      verified.push(
        new Webhook(opsSecret).verify(req.body.toString(), req.headers) as (typeof verified)[number],
      );
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
  let answer = 500;
  const receiver = await startReceiver((_req, res) => void res.writeHead(answer).end());
  t.teardown(async () => {
    await ops.close();
    await receiver.close();
  });
  const updated = await api.tenant.update({ operationsUrl: ops.url, operationsSecret: opsSecret });
  t.is(updated.operationsUrl, ops.url);

  const { id: endpointId } = await api.endpoints.create({ url: receiver.url, retrySchedule: [3600] });
  for (let i = 0; i < 4; i++) await api.events.send({ eventType: 'invoice.paid', payload: { i } });

  await waitFor(
    () => verified.some((v) => v.type === 'endpoint.breaker_opened'),
    'breaker_opened at the ops URL',
    60_000,
  );
  const opened = verified.find((v) => v.type === 'endpoint.breaker_opened')!;
  t.like(opened.data, { endpointId, lastError: { code: 'non_2xx_status' } });
  t.true(ops.received.some((r) => r.headers['webhook-id'] === opened.id));

  const listed = await api.operationalEvents.list({ type: 'endpoint.breaker_opened' });
  t.deepEqual(
    listed.data.map((e) => e.id),
    [opened.id],
  );
  const health = await api.endpoints.getHealth(endpointId);
  t.like(health, { breakerState: 'open', recentSuccessRate: 0, recentAttempts: 4 });
  t.not(health.failingSince, null);

  // The receiver recovers; the next delivery is parked until the probe time, then sent as the probe.
  const before = receiver.received.length;
  answer = 200;
  await api.events.send({ eventType: 'invoice.paid', payload: { probe: true } });
  let parked: { status: string; attemptCount: number; nextAttemptAt?: string | null } | undefined;
  await waitFor(async () => {
    const list = await api.deliveries.list({ endpointId, status: 'pending' });
    parked = list.data.find((d) => d.nextAttemptAt !== null);
    return parked !== undefined || verified.some((v) => v.type === 'endpoint.recovered');
  }, 'the delivery parked while the breaker is open');
  t.like(parked, { status: 'pending', attemptCount: 0 }, 'parked without spending an attempt');
  await waitFor(
    () => verified.some((v) => v.type === 'endpoint.recovered'),
    'recovered at the ops URL',
    60_000,
  );
  t.is(receiver.received.length, before + 1, 'one probe, no other request');
  const after = await api.endpoints.getHealth(endpointId);
  t.like(after, { breakerState: 'closed', nextProbeAt: null });
  const deliveries = await api.deliveries.list({ endpointId, status: 'succeeded' });
  t.like(deliveries.data[0], { attemptCount: 1 });
  // The operations deliveries are not among the tenant's deliveries.
  const all = await api.deliveries.list({ limit: 100 });
  t.true(all.data.every((d) => d.endpointId === endpointId));
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});
