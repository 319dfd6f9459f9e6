import test from 'ava';
import { waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver } from '../support/dispatching.js';
import { startOtlpReceiver, traceTree } from '../support/otlpReceiver.js';
import { startProductionApi } from '../support/productionEnv.js';

test('tracing › one trace spans ingest (API process), routing and both attempts (worker process); the receiver gets each attempt’s traceparent', async (t) => {
  const otlp = await startOtlpReceiver();
  t.teardown(() => otlp.close());
  const { env, api, startWorker } = await startProductionApi(t, 'tracing', {
    extra: {
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
  });
  await startWorker();
  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const client = caravanClient(api.url, key);

  let refusals = 1;
  const receiver = await startReceiver((_req, res) => {
    if (refusals-- > 0) res.writeHead(500).end('not yet');
    else res.writeHead(200).end('ok');
  });
  const untraced = await startReceiver();
  t.teardown(() => Promise.all([receiver.close(), untraced.close()]).then(() => undefined));
  await client.endpoints.create({ url: receiver.url, sendTraceparent: true, retrySchedule: [1] });
  await client.endpoints.create({ url: untraced.url });
  const { id: eventId } = await client.events.send({ eventType: 'invoice.paid', payload: { total: 42 } });

  await waitFor(
    () => receiver.received.length >= 2 && untraced.received.length >= 1,
    'both attempts',
    60_000,
  );
  const ingest = () => otlp.spans.find((s) => s.name === 'caravan.ingest');
  const inTrace = () => otlp.spans.filter((s) => s.traceId === ingest()?.traceId);
  await waitFor(
    () => inTrace().filter((s) => s.name === 'caravan.attempt').length >= 3,
    'the spans of the ingest, the route and the three attempts to be exported',
    30_000,
  );
  const spans = inTrace();
  t.log(traceTree(spans));

  const root = ingest()!;
  t.is(root.service, 'caravan-api');
  t.is(root.parentSpanId, '', 'the ingest starts the trace');
  const route = spans.find((s) => s.name === 'caravan.route')!;
  t.is(route.service, 'caravan-worker');
  t.is(route.parentSpanId, root.spanId, 'the router continues the trace its log record carried');
  t.is(route.attributes['caravan.event_id'], eventId);

  const attempts = spans
    .filter((s) => s.name === 'caravan.attempt' && s.attributes['caravan.endpoint_id'] !== undefined)
    .filter((s) => receiver.received.some((r) => r.headers.traceparent?.includes(s.spanId)));
  t.is(attempts.length, 2, 'both attempts to the traced endpoint are in the trace');
  for (const attempt of attempts) {
    t.is(attempt.service, 'caravan-worker');
    t.is(attempt.parentSpanId, route.spanId, 'each attempt is a child of the routing, the retry too');
  }
  t.deepEqual(
    attempts.map((a) => [a.attributes['caravan.attempt'], a.attributes['http.response.status_code']]).sort(),
    [
      [1, 500],
      [2, 200],
    ],
  );
  // The receiver saw each attempt's own context: same trace, the attempt's span as parent.
  t.deepEqual(
    receiver.received.map((r) => r.headers.traceparent),
    attempts
      .sort((a, b) => Number(a.attributes['caravan.attempt']) - Number(b.attributes['caravan.attempt']))
      .map((a) => `00-${root.traceId}-${a.spanId}-01`),
  );
  t.is(untraced.received[0]!.headers.traceparent, undefined, 'no traceparent unless the endpoint asks');

  // A producer that traces sends its own context: Caravan's spans join the producer's trace. Raw fetch:
  // the SDK has no option for a request header of the caller's own.
  const producerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const producerSpan = '00f067aa0ba902b7';
  const sent = await fetch(`${api.url}/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      traceparent: `00-${producerTrace}-${producerSpan}-01`,
    },
    body: JSON.stringify({ eventType: 'invoice.sent', payload: {} }),
  });
  t.is(sent.status, 202);
  await waitFor(
    () => otlp.spans.filter((s) => s.traceId === producerTrace && s.name === 'caravan.attempt').length >= 2,
    "the producer's trace to reach both attempts",
    60_000,
  );
  const joined = otlp.spans.filter((s) => s.traceId === producerTrace);
  t.log(traceTree(joined));
  const producerIngest = joined.find((s) => s.name === 'caravan.ingest')!;
  t.is(producerIngest.parentSpanId, producerSpan, "the ingest is a child of the producer's span");
  t.is(joined.find((s) => s.name === 'caravan.route')?.parentSpanId, producerIngest.spanId);
});
