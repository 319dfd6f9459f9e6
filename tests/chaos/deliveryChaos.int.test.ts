import test from 'ava';
import { waitFor } from '@caravan/testing';
import { carefulProducer, installForChaos, services, settleLedger } from '../support/chaos.js';
import { startReceiver, type ReceivedRequest } from '../support/dispatching.js';

// Faults around delivery on MariaDB + Kafka: the shared limiter state (Redis) going away, and a
// receiver that keeps failing and recovering for minutes.

test.serial(
  'delivery chaos › Redis going away: limits fall back to each process and deliveries go on',
  async (t) => {
    t.timeout(10 * 60_000);
    const rx = await startReceiver();
    t.teardown(() => rx.close());
    const c = await installForChaos(t, 'chaos_redis', {
      receivers: [rx.url],
      redis: true,
      // A limit high enough never to hold the run back, so the limiter is asked on every delivery.
      endpoint: { rateLimit: { perSecond: 500, burst: 500 } },
    });
    await c.startWorker('router,scheduler');
    // Two dispatchers: the limit is shared through Redis, until Redis is gone.
    await c.startWorker('dispatcher');
    await c.startWorker('dispatcher');
    let done = false;
    const sending = carefulProducer({ url: c.apiUrl, key: c.key, events: 2000, paceMs: 500 }).finally(
      () => (done = true),
    );
    await waitFor(() => rx.received.length >= 300, 'deliveries before Redis stops', 180_000);
    t.false(done, 'Redis stops while the producer is still sending');
    await services('down', 'redis');
    const atStop = rx.received.length;
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const duringOutage = rx.received.length - atStop;
    await services('up', 'redis');
    t.true(duringOutage > 0, `deliveries went on while Redis was down (${duringOutage} in 10 s)`);
    const run = await sending;
    await settleLedger(
      t,
      'Redis outage',
      {
        ...run,
        faults: [`Redis stopped for 10 s (${duringOutage} deliveries meanwhile), then started empty`],
      },
      rx.received,
    );
  },
);

const FLAP_MS = 120_000;
const PHASE_MS = 10_000;

test.serial('delivery chaos › a receiver flapping for two minutes gets every event in the end', async (t) => {
  t.timeout(10 * 60_000);
  // Up for 10 s, down for 10 s, for two minutes; down is in turn a 503, a reset connection and a 500.
  const started = Date.now();
  const accepted: ReceivedRequest[] = [];
  let refused = 0;
  const rx = await startReceiver((req, res, raw) => {
    const elapsed = Date.now() - started;
    const phase = Math.floor(elapsed / PHASE_MS);
    if (elapsed >= FLAP_MS || phase % 2 === 0) {
      accepted.push(req);
      res.writeHead(204).end();
      return;
    }
    refused += 1;
    const mode = Math.floor(phase / 2) % 3;
    if (mode === 0) res.writeHead(503).end('maintenance');
    else if (mode === 1) raw.socket.destroy();
    else res.writeHead(500).end('boom');
  });
  t.teardown(() => rx.close());
  const c = await installForChaos(t, 'chaos_flap', {
    receivers: [rx.url],
    // Retries often enough to see each up phase; the breaker parks the endpoint without using attempts.
    endpoint: { retrySchedule: [1, 2, 5, ...Array<number>(17).fill(10)] },
    extra: { CARAVAN_BREAKER_OPEN_MS: '2000', CARAVAN_BREAKER_MAX_OPEN_MS: '10000' },
  });
  await c.startWorker();
  // The run is spread over the first minute or so of flapping.
  const run = await carefulProducer({ url: c.apiUrl, key: c.key, events: 1200, paceMs: 3000 });
  const sentWithin = Date.now() - started;
  await waitFor(() => Date.now() - started >= FLAP_MS, 'the flapping to end', FLAP_MS + 60_000);
  t.true(refused > 0, 'the receiver refused deliveries while it flapped');
  await settleLedger(
    t,
    'flapping receiver',
    {
      ...run,
      faults: [
        `receiver down half of every 20 s for 2 min (${refused} requests refused); events sent in the first ${Math.round(sentWithin / 1000)} s`,
      ],
    },
    accepted,
    300_000,
  );
});
