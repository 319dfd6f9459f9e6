/**
 * Router throughput on this machine: N events of one tenant routed to E endpoints (every third one with a
 * payload filter), appended before the router starts so only routing is measured.
 *
 *   scripts/services.sh up
 *   node --conditions=caravan-source --import tsx bench/routerThroughput.ts [sqlite|mariadb|kafka] [N] [E]
 *
 * Reports events and deliveries routed per second, from the router's start (Kafka: its first routed batch)
 * to its last finished record.
 * Informational: one process, the database and the broker on the same host.
 */
import { createRouter } from '@caravan/core';
import { waitFor } from '@caravan/testing';
import {
  appendEvents,
  createEndpoint,
  createTenant,
  eventRecord,
  openBacking,
  type RoutingBackend,
} from '../tests/support/routing.js';

const backend = (process.argv[2] ?? 'sqlite') as RoutingBackend;
const total = Number(process.argv[3] ?? 20_000);
const endpointCount = Number(process.argv[4] ?? 5);

const backing = await openBacking(backend);
try {
  const tenant = await createTenant(backing.db);
  for (let i = 0; i < endpointCount; i++) {
    await createEndpoint(backing.db, tenant, i % 3 === 2 ? { filter: { 'payload.n': { $gte: 0 } } } : {});
  }
  for (let i = 0; i < total; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, total - i) }, (_, j) =>
      eventRecord(tenant, {
        eventType: 'order.created',
        payload: `{"n":${i + j},"customer":"cus_${j % 50}"}`,
      }),
    );
    await appendEvents(backing.log, batch);
  }
  const router = createRouter({
    log: backing.log,
    repository: backing.storage.routing,
    groupId: `bench-router-${Date.now()}`,
  });
  let started = performance.now();
  await router.start();
  // On Kafka, timed from the first routed batch so joining the consumer group (seconds) is not counted.
  // (The SQL log needs no join, and its synchronous SQLite work would delay a polling timer anyway.)
  if (backend === 'kafka') {
    await waitFor(() => router.stats().records > 0, 'the first batch', 60_000);
    started = performance.now();
  }
  const first = router.stats();
  await waitFor(() => router.stats().records >= total, 'every event to be routed', 600_000);
  const seconds = (performance.now() - started) / 1000;
  const last = router.stats();
  const stats = { records: last.records - first.records, deliveries: last.deliveries - first.deliveries };
  await router.stop();
  process.stdout.write(
    `${backend}: ${stats.records} events → ${stats.deliveries} deliveries in ${seconds.toFixed(2)} s: ` +
      `${Math.round(stats.records / seconds)} events/s, ${Math.round(stats.deliveries / seconds)} deliveries/s\n`,
  );
} finally {
  await backing.cleanup();
}
