/**
 * Noisy neighbour: the delivery latency of a quiet tenant, alone and next to a noisy tenant that has a
 * large backlog on a fast endpoint and a second endpoint answering only after 10 s.
 *
 *   scripts/services.sh up          # for mariadb and kafka
 *   node --conditions=caravan-source --import tsx bench/noisyNeighbour.ts [sqlite|mariadb|kafka] [backlog]
 *
 * `backlog` is the noisy tenant's fast-endpoint backlog (default 20000); its slow endpoint gets a tenth of
 * that. Everything shares one `deliveries` partition, the worst case: without fair queues the quiet records
 * would sit behind the whole backlog. The quiet tenant sends 200 deliveries, 10 every 100 ms; a latency is
 * from the append of its record to its arrival at the receiver. Prints p50/p99/max in ms for both runs.
 * Informational: one process, loopback receivers, the database on the same disk.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import {
  EndpointCache,
  HttpSender,
  createDispatcher,
  createScheduler,
  derivedDeliveryId,
  encodeRecord,
  loadFromRepository,
  newId,
  systemClock,
  type Database,
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

export interface NoisyNeighbourOptions {
  backend?: DispatchBackend;
  /** The noisy tenant's backlog on its fast endpoint; its 10 s endpoint gets a tenth of it. */
  backlog?: number;
  quietDeliveries?: number;
  slowAnswerMs?: number;
}

export interface Latencies {
  p50: number;
  p99: number;
  max: number;
}

export interface NoisyNeighbourResult {
  backend: DispatchBackend;
  backlog: number;
  quietAlone: Latencies;
  quietWithNoisy: Latencies;
  /** Noisy deliveries done when the last quiet one arrived, of the whole noisy backlog. */
  noisyDoneWhenQuietFinished: number;
}

async function seed(
  db: Database,
  tenantId: string,
  endpointId: string,
  n: number,
): Promise<DeliveryRecord[]> {
  const now = Date.now();
  const records: DeliveryRecord[] = Array.from({ length: n }, (_, i) => {
    const eventId = newId('evt', now);
    return {
      v: 1,
      deliveryId: derivedDeliveryId(eventId, endpointId),
      tenantId,
      endpointId,
      eventId,
      eventType: 'bench.tick',
      payload: JSON.stringify({ i }),
      headers: {},
      eventCreatedAt: now,
      attempt: 0,
    };
  });
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    await db('events').insert(
      chunk.map((r) => ({
        id: r.eventId,
        tenant_id: tenantId,
        event_type: r.eventType,
        payload: Buffer.from(r.payload),
        created_at: now,
      })),
    );
    await db('deliveries').insert(
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
  return records;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)), max: Math.round(sorted.at(-1) ?? NaN) };
}

async function scenario(
  backend: DispatchBackend,
  noisy: { backlog: number; slowAnswerMs: number } | null,
  quietDeliveries: number,
) {
  const backing = await openDispatchBacking(backend);
  const keyRing = testKeyRing();
  const quietReceiver = await startReceiver();
  const fastReceiver = await startReceiver();
  const slowReceiver = await startReceiver((_req, res) => {
    setTimeout(() => res.writeHead(204).end(), noisy?.slowAnswerMs ?? 0);
  });
  const sender = new HttpSender({ allowedCidrs: ['127.0.0.0/8'], clock: systemClock });
  const logger = pino({ level: 'warn' });
  const dispatcher = createDispatcher({
    log: backing.log,
    deliveries: backing.storage.dispatch,
    endpoints: new EndpointCache({
      load: loadFromRepository({ endpoints: backing.storage.endpoints, keyRing }),
      clock: systemClock,
    }),
    sender,
    clock: systemClock,
    logger,
    userAgent: 'Caravan/bench',
    groupId: `caravan-bench-${randomBytes(4).toString('hex')}`,
  });
  const scheduler = createScheduler({
    log: backing.log,
    deliveries: backing.storage.scheduler,
    clock: systemClock,
    logger,
    intervalMs: 200,
  });
  const append = (records: DeliveryRecord[]) =>
    backing.log.append(
      'deliveries',
      records.map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
    );

  const quietTenant = await seedTenant(backing.db);
  const quietEndpoint = (await seedEndpoint(backing.db, keyRing, quietTenant, { url: quietReceiver.url })).id;
  const quiet = await seed(backing.db, quietTenant, quietEndpoint, quietDeliveries);
  let noisyTotal = 0;
  if (noisy) {
    const tenant = await seedTenant(backing.db);
    const fast = (await seedEndpoint(backing.db, keyRing, tenant, { url: fastReceiver.url })).id;
    const slow = (
      await seedEndpoint(backing.db, keyRing, tenant, {
        url: slowReceiver.url,
        timeoutMs: noisy.slowAnswerMs + 5_000,
      })
    ).id;
    const fastBacklog = await seed(backing.db, tenant, fast, noisy.backlog);
    const slowBacklog = await seed(backing.db, tenant, slow, Math.ceil(noisy.backlog / 10));
    noisyTotal = fastBacklog.length + slowBacklog.length;
    for (let i = 0; i < fastBacklog.length; i += 1000) await append(fastBacklog.slice(i, i + 1000));
    await append(slowBacklog);
  }
  await dispatcher.start();
  scheduler.start();

  const appendedAt = new Map<string, number>();
  for (let i = 0; i < quiet.length; i += 10) {
    const batch = quiet.slice(i, i + 10);
    const at = Date.now();
    await append(batch);
    for (const r of batch) appendedAt.set(r.eventId, at);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const arrivals = () => new Map(quietReceiver.received.map((r) => [r.headers['webhook-id']!, r.receivedAt]));
  while (arrivals().size < quiet.length) await new Promise((resolve) => setTimeout(resolve, 20));
  const noisyDone = new Set(
    [...fastReceiver.received, ...slowReceiver.received].map((r) => r.headers['webhook-id']),
  ).size;
  const waits = [...arrivals()].map(([id, at]) => at - appendedAt.get(id)!);

  await scheduler.stop();
  await dispatcher.stop({ graceMs: 0 });
  await sender.close();
  await Promise.all([quietReceiver.close(), fastReceiver.close(), slowReceiver.close()]);
  await backing.cleanup();
  return { latencies: latencies(waits), noisyDone, noisyTotal };
}

/** Runs both scenarios, the quiet tenant alone first. */
export async function run(options: NoisyNeighbourOptions = {}): Promise<NoisyNeighbourResult> {
  const backend = options.backend ?? 'sqlite';
  const backlog = options.backlog ?? 20_000;
  const quietDeliveries = options.quietDeliveries ?? 200;
  const alone = await scenario(backend, null, quietDeliveries);
  const crowded = await scenario(
    backend,
    { backlog, slowAnswerMs: options.slowAnswerMs ?? 10_000 },
    quietDeliveries,
  );
  return {
    backend,
    backlog,
    quietAlone: alone.latencies,
    quietWithNoisy: crowded.latencies,
    noisyDoneWhenQuietFinished: crowded.noisyDone / crowded.noisyTotal,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run({
    backend: (process.argv[2] ?? 'sqlite') as DispatchBackend,
    backlog: Number(process.argv[3] ?? 20_000),
  });
  console.log(JSON.stringify(result));
  process.exit(0);
}
