import { endpointSubscribes } from '../domain/endpoint.js';
import { filterMatches } from '../domain/endpointFilter.js';
import type { RoutableEndpoint } from '../storage/RoutingRepository.js';

/** One tenant's endpoints, indexed for routing. */
export interface TenantEndpoints {
  all: readonly RoutableEndpoint[];
  byId: ReadonlyMap<string, RoutableEndpoint>;
  byOwner: ReadonlyMap<string, readonly RoutableEndpoint[]>;
}

/** What routing looks at in an event. */
export interface RoutedEvent {
  eventType: string;
  endpointId: string | null;
  ownerId: string | null;
  headers: Readonly<Record<string, string>>;
  /** The exact JSON text; parsed only when an endpoint has a filter. */
  payload: string;
}

export function indexEndpoints(endpoints: readonly RoutableEndpoint[]): TenantEndpoints {
  const byOwner = new Map<string, RoutableEndpoint[]>();
  for (const endpoint of endpoints) {
    if (endpoint.ownerId === null) continue;
    const owned = byOwner.get(endpoint.ownerId);
    if (owned) owned.push(endpoint);
    else byOwner.set(endpoint.ownerId, [endpoint]);
  }
  return { all: endpoints, byId: new Map(endpoints.map((e) => [e.id, e])), byOwner };
}

const UNPARSEABLE = Symbol('unparseable');

/**
 * The tenant's endpoints an event goes to, whatever their status. `endpointId` narrows the candidates to
 * that endpoint (looked up among this tenant's endpoints only, so another tenant's id matches nothing),
 * `ownerId` to that owner's endpoints (both: that endpoint, if it has that owner), neither to all of
 * them; then each candidate's event type patterns and filter must match, as the contract says.
 */
export function matchEndpoints(endpoints: TenantEndpoints, event: RoutedEvent): RoutableEndpoint[] {
  let candidates: readonly RoutableEndpoint[];
  if (event.endpointId !== null) {
    const target = endpoints.byId.get(event.endpointId);
    candidates = target && (event.ownerId === null || target.ownerId === event.ownerId) ? [target] : [];
  } else if (event.ownerId !== null) {
    candidates = endpoints.byOwner.get(event.ownerId) ?? [];
  } else {
    candidates = endpoints.all;
  }
  let parsed: unknown = undefined;
  let isParsed = false;
  const payload = () => {
    if (!isParsed) {
      isParsed = true;
      try {
        parsed = JSON.parse(event.payload);
      } catch {
        parsed = UNPARSEABLE;
      }
    }
    return parsed;
  };
  return candidates.filter((endpoint) => {
    if (!endpointSubscribes(endpoint, event.eventType)) return false;
    if (!endpoint.filter || Object.keys(endpoint.filter).length === 0) return true;
    const value = payload();
    // Ingest only accepts JSON, so this is a damaged record: no filter can be said to hold on it.
    if (value === UNPARSEABLE) return false;
    return filterMatches(endpoint.filter, { payload: value, headers: event.headers });
  });
}
