import test from 'ava';
import { Registry } from 'prom-client';
import type { LogRecord } from '../log/InternalLog.js';
import { createTelemetry } from './createTelemetry.js';

const subject = {
  tenantId: 'tnt_a',
  endpointId: 'ep_a',
  deliveryId: 'dlv_a',
  eventId: 'evt_a',
  eventType: 'invoice.paid',
  attempt: 0,
  eventCreatedAt: 1_000,
};
const result = (statusCode: number, startedAt: number, durationMs: number) => ({
  startedAt,
  durationMs,
  statusCode,
  error: statusCode < 300 ? null : { code: 'non_2xx_status', message: `answered ${statusCode}` },
  egressAddress: null,
});

async function sample(registry: Registry, name: string): Promise<{ labels: object; value: number }[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return [];
  return (await metric.get()).values.map((v) => ({ labels: v.labels, value: v.value }));
}

test('createTelemetry › counts ingests and attempts by outcome, times them, and measures the lag at receipt', async (t) => {
  const registry = new Registry();
  const telemetry = createTelemetry({ registry, tenantLabels: false, version: 'test' });
  telemetry.eventsIngested('tnt_a', 3, 'api');
  telemetry.eventsIngested('tnt_b', 2, 'source');
  telemetry.attemptStarted(subject, undefined).finished(result(503, 2_000, 100), 'retrying');
  telemetry
    .attemptStarted({ ...subject, attempt: 1 }, undefined)
    .finished(result(200, 6_000, 500), 'succeeded');

  t.deepEqual(await sample(registry, 'caravan_events_ingested_total'), [
    { labels: { via: 'api' }, value: 3 },
    { labels: { via: 'source' }, value: 2 },
  ]);
  t.deepEqual(await sample(registry, 'caravan_deliveries_total'), [
    { labels: { outcome: 'retrying' }, value: 1 },
    { labels: { outcome: 'succeeded' }, value: 1 },
  ]);
  const text = await registry.metrics();
  t.regex(text, /caravan_delivery_duration_seconds_sum\{outcome="succeeded"\} 0\.5/);
  // Received at 6.5 s, accepted at 1 s: 5.5 s, observed once (only on success).
  t.regex(text, /caravan_delivery_lag_seconds_sum 5\.5\n/);
  t.regex(text, /caravan_delivery_lag_seconds_count 1\n/);
  t.notRegex(text, /tenant="/);
});

test('createTelemetry › with tenant labels, each per-tenant series names its tenant', async (t) => {
  const registry = new Registry();
  const telemetry = createTelemetry({ registry, tenantLabels: true, version: 'test' });
  telemetry.eventsIngested('tnt_a', 1, 'api');
  telemetry.attemptStarted(subject, undefined).finished(result(200, 2_000, 10), 'succeeded');
  t.deepEqual(await sample(registry, 'caravan_events_ingested_total'), [
    { labels: { via: 'api', tenant: 'tnt_a' }, value: 1 },
  ]);
  t.regex(await registry.metrics(), /caravan_delivery_lag_seconds_count\{tenant="tnt_a"\} 1/);
});

test('createTelemetry › the queue depth counts each record from hand-over until it is marked done, once', async (t) => {
  const registry = new Registry();
  const telemetry = createTelemetry({ registry, tenantLabels: false, version: 'test' });
  let done = 0;
  const record = (offset: string): LogRecord => ({
    topic: 'deliveries',
    partition: 0,
    offset,
    key: 'ep_a',
    value: Buffer.from('{}'),
    headers: {},
    timestamp: 0,
    done: () => void done++,
  });
  const [first, second] = telemetry.dispatchRecords([record('1'), record('2')]);
  t.deepEqual(await sample(registry, 'caravan_dispatch_queue_depth'), [{ labels: {}, value: 2 }]);
  first!.done();
  first!.done();
  t.deepEqual(await sample(registry, 'caravan_dispatch_queue_depth'), [{ labels: {}, value: 1 }]);
  second!.done();
  t.deepEqual(await sample(registry, 'caravan_dispatch_queue_depth'), [{ labels: {}, value: 0 }]);
  t.is(done, 3, 'the log record is still marked done each time');
  t.is(first!.offset, '1');
});

test('createTelemetry › source backlogs are read at scrape time, summed by type unless tenant labels are on', async (t) => {
  const backlogs = [
    { tenantId: 'tnt_a', sourceId: 'src_1', type: 'aws-sqs', messages: 4 },
    { tenantId: 'tnt_b', sourceId: 'src_2', type: 'aws-sqs', messages: 6 },
    { tenantId: 'tnt_b', sourceId: 'src_3', type: 'kafka', messages: 1 },
  ];
  const plain = new Registry();
  createTelemetry({ registry: plain, tenantLabels: false, version: 'test' }).sourceBacklog(() =>
    Promise.resolve(backlogs),
  );
  t.deepEqual(await sample(plain, 'caravan_source_lag_messages'), [
    { labels: { type: 'aws-sqs' }, value: 10 },
    { labels: { type: 'kafka' }, value: 1 },
  ]);
  const labelled = new Registry();
  const telemetry = createTelemetry({ registry: labelled, tenantLabels: true, version: 'test' });
  telemetry.sourceBacklog(() => Promise.reject(new Error('broker down')));
  telemetry.sourceBacklog(() => Promise.resolve(backlogs.slice(0, 1)));
  t.deepEqual(await sample(labelled, 'caravan_source_lag_messages'), [
    { labels: { type: 'aws-sqs', tenant: 'tnt_a', source: 'src_1' }, value: 4 },
  ]);
});

test('createTelemetry › without a tracing SDK nothing carries a trace context', (t) => {
  const telemetry = createTelemetry({ registry: new Registry(), tenantLabels: false, version: 'test' });
  const ingest = telemetry.ingestStarted('tnt_a', 1, 'api');
  t.is(ingest.traceparent, undefined);
  ingest.end();
  const route = telemetry.routeStarted({ id: 'evt_a', tenantId: 'tnt_a', eventType: 'x' }, undefined);
  t.is(route.traceparent, undefined);
  t.is(telemetry.attemptStarted(subject, undefined).traceparent, undefined);
});
