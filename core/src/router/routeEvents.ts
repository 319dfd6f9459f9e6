import type { Clock } from '../domain/Clock.js';
import type { StoredEvent } from '../domain/event.js';
import { derivedDeliveryId } from '../domain/ids.js';
import { encodeRecord, type DeliveryRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { AppendRecord, InternalLog } from '../log/InternalLog.js';
import type { NewDelivery, RoutableEndpoint, RoutingRepository } from '../storage/RoutingRepository.js';
import type { TenantEndpointsCache } from './TenantEndpointsCache.js';
import { matchEndpoints } from './TenantEndpoints.js';

export interface RouteEventsDeps {
  log: InternalLog;
  repository: RoutingRepository;
  endpoints: TenantEndpointsCache;
  clock: Clock;
}

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
 */
export async function routeEvents(
  deps: RouteEventsDeps,
  records: readonly EventRecord[],
): Promise<RoutedBatch> {
  const persisted = await deps.repository.persistedEvents(records.map((r) => r.id));
  const toRoute: EventRecord[] = [];
  const toInsert: StoredEvent[] = [];
  const seen = new Set<string>();
  const again = new Set<string>();
  let copies = 0;
  for (const record of records) {
    const prior = persisted.get(record.id);
    // The same id with another creation time is a later publish with a used idempotency key that raced
    // the first one past ingest's duplicate check: the first record routes the event, and the contract
    // says nothing new is delivered for a duplicate. The same creation time is this very record seen
    // again (redelivered after a crash, or appended twice by a retried append): route it again.
    const copy =
      seen.has(record.id) ||
      (prior && (prior.createdAt !== record.createdAt || prior.tenantId !== record.tenantId));
    seen.add(record.id);
    if (copy) {
      copies++;
      continue;
    }
    if (prior) again.add(record.id);
    else toInsert.push(record);
    toRoute.push(record);
  }

  const matches = await matchAll(deps, toRoute);
  const now = deps.clock.now();
  const deliveries: NewDelivery[] = [];
  const appends: AppendRecord[] = [];
  for (const { event, endpoints } of matches) {
    for (const endpoint of endpoints) {
      const id = derivedDeliveryId(event.id, endpoint.id);
      // The contract: a disabled endpoint's new deliveries are discarded (recoverEndpoint can resend
      // them). A paused endpoint's are pending and sent as usual: the dispatcher, which must check the
      // status at send time anyway, holds them until the endpoint is resumed.
      const status = endpoint.status === 'disabled' ? 'discarded' : 'pending';
      deliveries.push({
        id,
        tenantId: event.tenantId,
        eventId: event.id,
        endpointId: endpoint.id,
        eventType: event.eventType,
        status,
        createdAt: now,
      });
      // Routed again, the delivery row may predate the endpoint's disabling and still be pending: its
      // record goes out too, and the dispatcher settles it (or skips it when it is already settled).
      if (status === 'pending' || again.has(event.id)) {
        appends.push({ key: endpoint.id, value: encodeRecord(toDeliveryRecord(id, endpoint.id, event)) });
      }
    }
  }

  // Events before their deliveries (a listed delivery's event exists), deliveries before their records
  // (the dispatcher loads the row of each record it receives).
  await deps.repository.insert(toInsert, deliveries);
  await deps.log.append('deliveries', appends);
  return { inserted: toInsert.length, copies, deliveries: deliveries.length, appended: appends.length };
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
