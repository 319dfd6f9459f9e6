import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Webhook } from 'standardwebhooks';
import { startCaravanServer } from '../support/caravanProcess.js';
import { startReceiver, waitFor } from '../support/dispatching.js';

async function call(url: string, key: string, method: string, path: string, body?: unknown) {
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
}

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
  const admin = (method: string, path: string, body?: unknown) =>
    call(server.url, adminKey, method, path, body);

  const tenant = (await admin('POST', '/v1/tenants', { name: 'Acme' })).body as { id: string };
  const key = (await admin('POST', `/v1/tenants/${tenant.id}/api-keys`, {})).body.key as string;
  const api = (method: string, path: string, body?: unknown) => call(server.url, key, method, path, body);

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
  const updated = await api('PATCH', '/v1/tenant', { operationsUrl: ops.url, operationsSecret: opsSecret });
  t.is(updated.status, 200, JSON.stringify(updated.body));

  const endpoint = await api('POST', '/v1/endpoints', { url: receiver.url, retrySchedule: [3600] });
  t.is(endpoint.status, 201, JSON.stringify(endpoint.body));
  const endpointId = endpoint.body.id as string;
  for (let i = 0; i < 4; i++) {
    t.is((await api('POST', '/v1/events', { eventType: 'invoice.paid', payload: { i } })).status, 202);
  }

  await waitFor(
    () => verified.some((v) => v.type === 'endpoint.breaker_opened'),
    'breaker_opened at the ops URL',
    60_000,
  );
  const opened = verified.find((v) => v.type === 'endpoint.breaker_opened')!;
  t.like(opened.data, { endpointId, lastError: { code: 'non_2xx_status' } });
  t.true(ops.received.some((r) => r.headers['webhook-id'] === opened.id));

  const listed = await api('GET', '/v1/operational-events?type=endpoint.breaker_opened');
  t.is(listed.status, 200);
  t.deepEqual(
    (listed.body.data as { id: string }[]).map((e) => e.id),
    [opened.id],
  );
  const health = await api('GET', `/v1/endpoints/${endpointId}/health`);
  t.is(health.status, 200, JSON.stringify(health.body));
  t.like(health.body, { breakerState: 'open', recentSuccessRate: 0, recentAttempts: 4 });
  t.not(health.body.failingSince, null);

  // The receiver recovers; the next delivery is parked until the probe time, then sent as the probe.
  const before = receiver.received.length;
  answer = 200;
  t.is(
    (await api('POST', '/v1/events', { eventType: 'invoice.paid', payload: { probe: true } })).status,
    202,
  );
  let parked: { status: string; attemptCount: number; nextAttemptAt: string | null } | undefined;
  await waitFor(async () => {
    const list = await api('GET', `/v1/deliveries?endpointId=${endpointId}&status=pending`);
    parked = (list.body.data as (typeof parked)[]).find((d) => d?.nextAttemptAt !== null);
    return parked !== undefined || verified.some((v) => v.type === 'endpoint.recovered');
  }, 'the delivery parked while the breaker is open');
  t.like(parked, { status: 'pending', attemptCount: 0 }, 'parked without spending an attempt');
  await waitFor(
    () => verified.some((v) => v.type === 'endpoint.recovered'),
    'recovered at the ops URL',
    60_000,
  );
  t.is(receiver.received.length, before + 1, 'one probe, no other request');
  const after = await api('GET', `/v1/endpoints/${endpointId}/health`);
  t.like(after.body, { breakerState: 'closed', nextProbeAt: null });
  const deliveries = await api('GET', `/v1/deliveries?endpointId=${endpointId}&status=succeeded`);
  t.like(deliveries.body.data[0], { attemptCount: 1 });
  // The operations deliveries are not among the tenant's deliveries.
  const all = await api('GET', '/v1/deliveries?limit=100');
  t.true((all.body.data as { endpointId: string }[]).every((d) => d.endpointId === endpointId));
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});
