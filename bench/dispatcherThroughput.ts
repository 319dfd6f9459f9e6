/**
 * Dispatcher throughput on this machine: N deliveries to E endpoints on one loopback receiver.
 *
 *   scripts/services.sh up
 *   node --conditions=caravan-source --import tsx bench/dispatcherThroughput.ts [sqlite|mariadb|kafka] [N] [E] [C]
 *
 * C is the dispatcher's concurrency (default 64). On a small VM, a burst of a few hundred new loopback
 * connections at once loses SYNs and stalls connects for seconds, which measures the kernel, not Caravan.
 *
 * Reports deliveries per second from the first append to the last stored outcome. Informational: it
 * measures one process, one receiver on the same host, and the database on the same disk.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import {
  EndpointCache,
  HttpSender,
  ManualClock,
  createDispatcher,
  derivedDeliveryId,
  encodeRecord,
  loadFromRepository,
  newId,
  type DeliveryRecord,
} from '@caravan/core';
import {
  openDispatchBacking,
  seedEndpoint,
  seedTenant,
  startReceiver,
  testKeyRing,
  type DispatchBackend,
} from '../tests/support/dispatching.js';

const backend = (process.argv[2] ?? 'sqlite') as DispatchBackend;
const total = Number(process.argv[3] ?? 5000);
const endpointCount = Number(process.argv[4] ?? 20);
const concurrency = Number(process.argv[5] ?? 64);

const backing = await openDispatchBacking(backend);
const receiver = await startReceiver();
const keyRing = testKeyRing();
const clock = new ManualClock(Date.now());
const tenantId = await seedTenant(backing.db);
const endpoints: string[] = [];
for (let i = 0; i < endpointCount; i++) {
  endpoints.push((await seedEndpoint(backing.db, keyRing, tenantId, { url: receiver.url })).id);
}

const records: DeliveryRecord[] = [];
const now = Date.now();
for (let i = 0; i < total; i++) {
  const eventId = newId('evt', now);
  const endpointId = endpoints[i % endpointCount]!;
  records.push({
    v: 1,
    deliveryId: derivedDeliveryId(eventId, endpointId),
    tenantId,
    endpointId,
    eventId,
    eventType: 'bench.tick',
    payload: JSON.stringify({ i, pad: randomBytes(96).toString('base64') }),
    headers: {},
    eventCreatedAt: now,
    attempt: 0,
  });
}
for (let i = 0; i < records.length; i += 500) {
  const chunk = records.slice(i, i + 500);
  await backing.db('events').insert(
    chunk.map((r) => ({
      id: r.eventId,
      tenant_id: tenantId,
      event_type: r.eventType,
      payload: Buffer.from(r.payload),
      created_at: now,
    })),
  );
  await backing.db('deliveries').insert(
    chunk.map((r) => ({
      id: r.deliveryId,
      tenant_id: tenantId,
      event_id: r.eventId,
      endpoint_id: r.endpointId,
      event_type: r.eventType,
      status: 'pending',
      attempt_count: 0,
      created_at: now,
      updated_at: now,
    })),
  );
}

const sender = new HttpSender({ allowedCidrs: ['127.0.0.0/8'], clock });
const dispatcher = createDispatcher({
  log: backing.log,
  deliveries: backing.storage.dispatch,
  endpoints: new EndpointCache({
    load: loadFromRepository({ endpoints: backing.storage.endpoints, keyRing }),
    clock,
  }),
  sender,
  clock,
  logger: pino({ level: 'warn' }),
  userAgent: 'Caravan/bench',
  concurrency,
  groupId: `caravan-bench-${randomBytes(4).toString('hex')}`,
});
await dispatcher.start();

const started = Date.now();
for (let i = 0; i < records.length; i += 1000) {
  await backing.log.append(
    'deliveries',
    records.slice(i, i + 1000).map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
  );
}
for (;;) {
  const row = await backing
    .db('deliveries')
    .where({ status: 'succeeded' })
    .count<{ n: number | string }[]>({ n: '*' });
  if (Number(row[0]?.n) >= total) break;
  await new Promise((resolve) => setTimeout(resolve, 25));
}
const seconds = (Date.now() - started) / 1000;
const attempts = await backing.db('attempts').count<{ n: number | string }[]>({ n: '*' });
console.log(
  JSON.stringify({
    backend,
    deliveries: total,
    endpoints: endpointCount,
    concurrency,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(total / seconds),
    requests: receiver.received.length,
    attemptRows: Number(attempts[0]?.n),
  }),
);

await dispatcher.stop({ graceMs: 1000 });
await sender.close();
await receiver.close();
await backing.cleanup();
