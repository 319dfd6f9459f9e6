import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { freePort, waitFor } from '@caravan/testing';
import { startCaravanServer } from '../support/caravanProcess.js';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver } from '../support/dispatching.js';
import { startProductionApi } from '../support/productionEnv.js';
import { scrape } from '../support/prometheus.js';

async function startDev(t: ExecutionContext, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-metrics-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0'], env);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  return { server, admin: caravanClient(server.url, adminKey) };
}

/** A port nothing listens on (bound, then released). */

test('metrics › on caravan dev the delivery metrics follow what happens: ingests, outcomes, durations, lag, queue, open breakers', async (t) => {
  const { server, admin } = await startDev(t, { CARAVAN_BREAKER_CONSECUTIVE_ERRORS: '2' });
  const metricsUrl = `${server.url}/metrics`;
  const before = await scrape(metricsUrl);
  t.is(before.status, 200, 'caravan dev serves /metrics without a token');
  t.is(before.value('caravan_events_ingested_total'), 0);
  t.is(before.value('caravan_breaker_open_endpoints'), 0);

  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);
  let refusals = 2;
  const flaky = await startReceiver((_req, res) => {
    if (refusals-- > 0) res.writeHead(503).end('busy');
    else res.writeHead(200).end('ok');
  });
  t.teardown(() => flaky.close());
  await api.endpoints.create({ url: flaky.url, eventTypes: ['invoice.*'], retrySchedule: [1, 1, 1] });
  // Nothing listens there: every attempt fails to connect, and the breaker opens after two.
  const dead = await api.endpoints.create({
    url: `http://127.0.0.1:${await freePort()}/hook`,
    eventTypes: ['audit.*'],
    retrySchedule: [0, 0, 0, 0, 0],
  });

  for (let i = 0; i < 5; i++) await api.events.send({ eventType: 'invoice.paid', payload: { i } });
  await api.events.send({ eventType: 'audit.logged', payload: {} });

  let after = before;
  await waitFor(
    async () => {
      after = await scrape(metricsUrl);
      return (
        after.value('caravan_deliveries_total', { outcome: 'succeeded' }) === 5 &&
        after.value('caravan_breaker_open_endpoints') === 1
      );
    },
    'five successful deliveries and one open breaker in /metrics',
    90_000,
  );
  t.log(
    after.text
      .split('\n')
      .filter((l) => /^caravan_(events|deliveries|delivery|dispatch|breaker)/.test(l))
      .join('\n'),
  );
  t.is(after.value('caravan_events_ingested_total', { via: 'api' }), 6);
  // Two refusals of the flaky endpoint and at least the two connection failures that opened the breaker.
  t.true(after.value('caravan_deliveries_total', { outcome: 'retrying' }) >= 4);
  t.is(
    after.value('caravan_delivery_duration_seconds_count'),
    after.value('caravan_deliveries_total'),
    'every attempt is timed',
  );
  t.is(after.value('caravan_delivery_lag_seconds_count'), 5, 'the lag is measured at each receipt');
  // The two refused events waited for a retry (1 s less 20 % jitter at least): they are not among
  // those received within half a second of their ingest.
  t.true(after.value('caravan_delivery_lag_seconds_bucket', { le: '0.5' }) <= 3);
  t.true(after.value('caravan_delivery_lag_seconds_sum') >= 1.6);
  t.true(after.series('caravan_dispatch_queue_depth').length === 1);
  t.false(/tenant="/.test(after.text), 'no tenant label unless asked');
  t.not((await api.endpoints.getHealth(dead.id)).breakerState, 'closed', 'the API says the same');

  await waitFor(
    async () => (await scrape(metricsUrl)).value('caravan_dispatch_queue_depth') === 0,
    'the dispatcher to hold nothing once every outcome is stored',
    30_000,
  );
  t.is(await server.stop('SIGINT'), 0);
});

test('metrics › with a token /metrics answers only with it; tenant labels on request', async (t) => {
  const token = 'metrics-token-0123456789abcdef';
  const { server, admin } = await startDev(t, {
    CARAVAN_METRICS_TOKEN: token,
    CARAVAN_METRICS_TENANT_LABELS: 'true',
  });
  const metricsUrl = `${server.url}/metrics`;
  const none = await scrape(metricsUrl);
  t.is(none.status, 401);
  // Raw fetch: the challenge header of an ops route outside the contract.
  t.is((await fetch(metricsUrl)).headers.get('www-authenticate'), 'Bearer realm="metrics"');
  t.is((await scrape(metricsUrl, `${token}x`)).status, 401);

  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  await caravanClient(server.url, key).events.send({ eventType: 'invoice.paid', payload: {} });
  const scraped = await scrape(metricsUrl, token);
  t.is(scraped.status, 200);
  t.is(scraped.value('caravan_events_ingested_total', { via: 'api', tenant: tenant.id }), 1);
});

test('metrics › outside caravan dev /metrics needs metrics.token: off without one; the worker serves its own', async (t) => {
  const workerPort = await freePort();
  const { env, api, startWorker } = await startProductionApi(t, 'metrics', {
    extra: { CARAVAN_METRICS_WORKER_PORT: String(workerPort) },
  });
  const token = env.CARAVAN_METRICS_TOKEN;
  await startWorker();
  const workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
  t.is((await scrape(`${api.url}/metrics`)).status, 401);
  t.is((await scrape(workerMetrics)).status, 401);

  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const client = caravanClient(api.url, key);
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  await client.endpoints.create({ url: receiver.url });
  for (let i = 0; i < 3; i++) await client.events.send({ eventType: 'invoice.paid', payload: { i } });

  await waitFor(
    async () =>
      (await scrape(workerMetrics, token)).value('caravan_deliveries_total', { outcome: 'succeeded' }) === 3,
    "the worker's /metrics to count the three deliveries",
    90_000,
  );
  const fromApi = await scrape(`${api.url}/metrics`, token);
  t.is(
    fromApi.value('caravan_events_ingested_total', { via: 'api' }),
    3,
    'the API process counts its ingests',
  );
  t.is(fromApi.value('caravan_deliveries_total'), 0, 'and sends nothing itself');
  t.is(fromApi.series('caravan_breaker_open_endpoints').length, 1);

  // The same installation with no token set: the route is off, and the start says which key to set.
  const untokened = await startCaravanServer(['api'], { ...env, CARAVAN_METRICS_TOKEN: '' });
  t.teardown(() => untokened.stop('SIGKILL'));
  const off = await scrape(`${untokened.url}/metrics`);
  t.is(off.status, 404);
  t.regex(off.text, /metrics\.token/);
  t.regex(untokened.output(), /metrics are off: \/metrics requires metrics\.token/);
});
