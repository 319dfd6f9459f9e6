import type { Clock } from '../domain/Clock.js';
import { derivedDeliveryId } from '../domain/ids.js';
import { encodeRecord, type DeliveryRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { AppendRecord, InternalLog } from '../log/InternalLog.js';
import { noTelemetry, traceHeaders, type Telemetry, type TracedWork } from '../observability/Telemetry.js';
import type { NewDelivery, RoutableEndpoint, RoutingRepository } from '../storage/RoutingRepository.js';
import type { TenantEndpointsCache } from './TenantEndpointsCache.js';
import { matchEndpoints } from './TenantEndpoints.js';

export interface RouteEventsDeps {
  log: InternalLog;
  repository: RoutingRepository;
  endpoints: TenantEndpointsCache;
  clock: Clock;
  /** Bounds of one fan-out chunk (deliveries inserted and appended together). */
  fanOutChunk?: FanOutChunkLimits;
  /** One span per event, continuing the trace its record carried; its context goes on the deliveries. */
  telemetry?: Telemetry;
}

/** How much of a batch's fan-out is in memory at once. */
export interface FanOutChunkLimits {
  /** Deliveries per chunk. Default 1000. */
  maxDeliveries: number;
  /** Bytes of delivery records per chunk (a larger single record goes alone). Default 8 MiB. */
  maxBytes: number;
}

export const DEFAULT_FAN_OUT_CHUNK: FanOutChunkLimits = { maxDeliveries: 1000, maxBytes: 8 * 1024 * 1024 };

/** What one batch did. */
export interface RoutedBatch {
  /** Events inserted (not already persisted). */
  inserted: number;
  /** Records skipped as later copies of an event already routed. */
  copies: number;
  deliveries: number;
  /** Delivery records appended (every delivery but the discarded ones). */
  appended: number;
}

/**
 * Routes a batch of decoded `events` records: persists the new events, creates one delivery per matching
 * endpoint and appends a `deliveries` record for each one to send. Every write is idempotent, so the
 * batch may be routed again after a crash at any point; the records of an event whose deliveries already
 * exist are appended again (the dispatcher skips the stale copies), so no delivery is ever left unsent.
 * Resolves once every write is durable; only then may the caller mark the records done.
 *
 * Round trips: one transaction inserts the events and then their deliveries (an event shows with its
 * deliveries); the insert itself says which events were already stored, so nothing is read before it.
 * The fan-out goes in chunks of bounded size: delivery rows are inserted chunk by chunk, then the
 * records (which carry the payload) are built chunk by chunk and appended, one chunk appended while the
 * next is built. Endpoints come from a cache.
 */
export async function routeEvents(
  deps: RouteEventsDeps,
  records: readonly EventRecord[],
): Promise<RoutedBatch> {
  const telemetry = deps.telemetry ?? noTelemetry;
  const spans: TracedWork[] = [];
  const unique: EventRecord[] = [];
  const seen = new Set<string>();
  let copies = 0;
  for (const record of records) {
    // A second record with an id already in the batch is the same record again, or a racing copy
    // (below): either way the first one routes the event.
    if (seen.has(record.id)) {
      copies++;
    } else {
      const span = telemetry.routeStarted(record, record.trace);
      spans.push(span);
      // The route span's context is stored with the event and rides on its deliveries, so every
      // attempt, the scheduler's retries included, joins the event's trace.
      unique.push(span.traceparent ? { ...record, trace: span.traceparent } : record);
    }
    seen.add(record.id);
  }
  try {
    const routed = await routeUnique(deps, unique, copies);
    for (const span of spans) span.end();
    return routed;
  } catch (error) {
    for (const span of spans) span.end(error);
    throw error;
  }
}

async function routeUnique(
  deps: RouteEventsDeps,
  unique: readonly EventRecord[],
  copiesBefore: number,
): Promise<RoutedBatch> {
  let copies = copiesBefore;

  // Endpoints come from the cache; a miss costs one read, before the transaction rather than in it.
  const matches = await matchAll(deps, unique);
  const limits = deps.fanOutChunk ?? DEFAULT_FAN_OUT_CHUNK;
  const now = deps.clock.now();
  const again = new Set<string>();
  let toRoute: typeof matches = [];
  let deliveries = 0;
  const stored = await deps.repository.insertRouted(unique, (found) => {
    toRoute = matches.filter(({ event }) => {
      const prior = found.present.get(event.id);
      if (!prior) return true;
      // The same id with another creation time is a later publish with a used idempotency key that
      // raced the first one past ingest's duplicate check: the first record routes the event, and the
      // contract says nothing new is delivered for a duplicate. The same creation time is this very
      // record seen again (redelivered after a crash, or appended twice by a retried append): route it
      // again.
      if (prior.createdAt !== event.createdAt || prior.tenantId !== event.tenantId) {
        copies++;
        return false;
      }
      again.add(event.id);
      return true;
    });
    return mapChunks(fanOut(toRoute, again, now, limits, false), (chunk) => {
      deliveries += chunk.deliveries.length;
      return chunk.deliveries;
    });
  });

  // Delivery rows before their records (the dispatcher loads the row of each record it receives). The
  // records carry the payload, so they are built again chunk by chunk: one chunk is appended while the
  // next is built.
  let appended = 0;
  let appending: Promise<void> = Promise.resolve();
  for (const chunk of fanOut(toRoute, again, now, limits, true)) {
    await appending;
    appending = deps.log.append('deliveries', chunk.appends);
    // Awaited at the next chunk or below; until then a failure must not count as unhandled.
    appending.catch(() => undefined);
    appended += chunk.appends.length;
  }
  await appending;
  return { inserted: stored.inserted, copies, deliveries, appended };
}

function* mapChunks<T, U>(chunks: Iterable<T>, fn: (chunk: T) => U): Generator<U> {
  for (const chunk of chunks) yield fn(chunk);
}

interface FanOutChunk {
  deliveries: NewDelivery[];
  appends: AppendRecord[];
}

function* fanOut(
  matches: readonly { event: EventRecord; endpoints: RoutableEndpoint[] }[],
  again: ReadonlySet<string>,
  now: number,
  limits: FanOutChunkLimits,
  withRecords: boolean,
): Generator<FanOutChunk> {
  let chunk: FanOutChunk = { deliveries: [], appends: [] };
  let bytes = 0;
  for (const { event, endpoints } of matches) {
    for (const endpoint of endpoints) {
      const id = derivedDeliveryId(event.id, endpoint.id);
      // The contract: a disabled endpoint's new deliveries are discarded (recoverEndpoint can resend
      // them). A paused endpoint's are pending and sent as usual: the dispatcher, which must check the
      // status at send time anyway, holds them until the endpoint is resumed.
      const status = endpoint.status === 'disabled' ? 'discarded' : 'pending';
      // Routed again, the delivery row may predate the endpoint's disabling and still be pending: its
      // record goes out too, and the dispatcher settles it (or skips it when it is already settled).
      const value =
        withRecords && (status === 'pending' || again.has(event.id))
          ? encodeRecord(toDeliveryRecord(id, endpoint.id, event))
          : undefined;
      const size = value?.length ?? 0;
      if (
        chunk.deliveries.length > 0 &&
        (chunk.deliveries.length >= limits.maxDeliveries || bytes + size > limits.maxBytes)
      ) {
        yield chunk;
        chunk = { deliveries: [], appends: [] };
        bytes = 0;
      }
      chunk.deliveries.push({
        id,
        tenantId: event.tenantId,
        eventId: event.id,
        endpointId: endpoint.id,
        eventType: event.eventType,
        status,
        createdAt: now,
      });
      if (value)
        chunk.appends.push({
          key: endpoint.id,
          value,
          ...(event.trace ? { headers: traceHeaders(event.trace) } : {}),
        });
      bytes += size;
    }
  }
  if (chunk.deliveries.length > 0) yield chunk;
}

async function matchAll(
  deps: RouteEventsDeps,
  events: readonly EventRecord[],
): Promise<{ event: EventRecord; endpoints: RoutableEndpoint[] }[]> {
  const tenants = [...new Set(events.map((e) => e.tenantId))];
  const indexes = new Map(
    await Promise.all(tenants.map(async (t) => [t, await deps.endpoints.get(t)] as const)),
  );
  const matches = events.map((event) => ({
    event,
    endpoints: matchEndpoints(indexes.get(event.tenantId)!, event),
  }));

  // The cache may be a moment old. Deciding to discard is the one choice that cannot be undone by the
  // dispatcher, so an endpoint the cache says is disabled is checked again, in one read per tenant.
  const disabled = new Map<string, Set<string>>();
  for (const { event, endpoints } of matches) {
    for (const e of endpoints)
      if (e.status === 'disabled')
        disabled.set(event.tenantId, (disabled.get(event.tenantId) ?? new Set()).add(e.id));
  }
  if (disabled.size === 0) return matches;
  const current = new Map<string, Map<string, RoutableEndpoint['status']>>();
  for (const [tenantId, ids] of disabled)
    current.set(tenantId, await deps.repository.endpointStatuses(tenantId, [...ids]));
  return matches.map(({ event, endpoints }) => ({
    event,
    endpoints: endpoints.flatMap((e) => {
      if (e.status !== 'disabled') return [e];
      const status = current.get(event.tenantId)?.get(e.id);
      return status === undefined ? [] : [{ ...e, status }];
    }),
  }));
}

function toDeliveryRecord(deliveryId: string, endpointId: string, event: EventRecord): DeliveryRecord {
  return {
    v: 1,
    deliveryId,
    tenantId: event.tenantId,
    endpointId,
    eventId: event.id,
    eventType: event.eventType,
    payload: event.payload,
    headers: event.headers,
    eventCreatedAt: event.createdAt,
    attempt: 0,
  };
}
