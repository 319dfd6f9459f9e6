import { caravanClient } from '../../tests/support/caravanClient.js';
import type { Installation } from './installation.js';

export interface StageLatencies {
  /** Event stored (ingest's `createdAt`) → its delivery created by the router, per delivery, in ms. */
  routing: number[];
  /** Delivery created → its last attempt started by the dispatcher, in ms. */
  dispatch: number[];
  /**
   * Per second since `sinceMs`, of the deliveries whose event arrived then: the longest routing wait and
   * the longest dispatch wait, in ms.
   */
  worstBySecond: [routing: number, dispatch: number][];
  /** Dispatch waits per endpoint id (one endpoint may share a `deliveries` partition with a backlog). */
  dispatchByEndpoint: Record<string, number[]>;
}

/**
 * Where a tenant's deliveries waited, read back through its API: the event's `createdAt` (ingest),
 * the delivery's `createdAt` (routed) and `lastAttemptAt` (sent). Deliveries of events created from
 * `sinceMs` up to `untilMs`.
 */
export async function stageLatencies(
  caravan: Installation,
  key: string,
  sinceMs: number,
  untilMs: number,
): Promise<StageLatencies> {
  const api = caravanClient(caravan.apiUrl, key);
  const since = new Date(sinceMs).toISOString();
  const until = new Date(untilMs).toISOString();
  const eventAt = new Map<string, number>();
  for await (const event of api.events.list({ since, until, limit: 100 })) {
    eventAt.set(event.id, Date.parse(event.createdAt));
  }
  const result: StageLatencies = { routing: [], dispatch: [], worstBySecond: [], dispatchByEndpoint: {} };
  for await (const delivery of api.deliveries.list({ since, limit: 100 })) {
    const ingested = eventAt.get(delivery.eventId);
    if (ingested === undefined || delivery.lastAttemptAt === null) continue;
    const routed = Date.parse(delivery.createdAt);
    const sent = Date.parse(delivery.lastAttemptAt);
    result.routing.push(routed - ingested);
    result.dispatch.push(sent - routed);
    (result.dispatchByEndpoint[delivery.endpointId] ??= []).push(sent - routed);
    const second = Math.floor((ingested - sinceMs) / 1000);
    if (second < 0) continue;
    const [route, dispatch] = result.worstBySecond[second] ?? [0, 0];
    result.worstBySecond[second] = [Math.max(route, routed - ingested), Math.max(dispatch, sent - routed)];
  }
  for (let s = 0; s < result.worstBySecond.length; s++) result.worstBySecond[s] ??= [0, 0];
  return result;
}
