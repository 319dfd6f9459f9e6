import type { Clock } from '../domain/Clock.js';
import { derivedDeliveryId } from '../domain/ids.js';
import { EventNotFoundError } from '../errors/index.js';
import { indexEndpoints, matchEndpoints } from '../router/TenantEndpoints.js';
import type { DeliveryRepository } from '../storage/DeliveryRepository.js';
import type { EventRepository } from '../storage/EventRepository.js';
import type { JobRepository, RunnableJob } from '../storage/JobRepository.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';

export interface ReplayEventDeps {
  events: EventRepository;
  routing: RoutingRepository;
  deliveries: DeliveryRepository;
  jobs: JobRepository;
  clock: Clock;
}

/**
 * Replays an event: every endpoint that matches it now gets the event again (same delivery id and
 * `webhook-id`); an endpoint that matches but had no delivery (created since) gets a new one. Disabled
 * endpoints are skipped. Each delivery is queued as a manual attempt that the scheduler appends, so a
 * replay interrupted by a crash is simply run again by the next runner.
 */
export function replayEventJob(deps: ReplayEventDeps): (job: RunnableJob) => Promise<void> {
  return async (job) => {
    const eventId = String(job.params.eventId);
    const event = await deps.events.get(job.tenantId, eventId);
    if (!event) throw new EventNotFoundError(eventId);
    const endpoints = indexEndpoints(await deps.routing.tenantEndpoints(job.tenantId));
    const targets = matchEndpoints(endpoints, event).filter((e) => e.status !== 'disabled');
    const now = deps.clock.now();
    await deps.jobs.progress(job.id, { processed: 0, total: targets.length, cursor: null, now });
    await deps.routing.insertDeliveries(
      targets.map((endpoint) => ({
        id: derivedDeliveryId(event.id, endpoint.id),
        tenantId: job.tenantId,
        eventId: event.id,
        endpointId: endpoint.id,
        eventType: event.eventType,
        status: 'pending' as const,
        createdAt: now,
      })),
    );
    let processed = 0;
    for (const endpoint of targets) {
      await deps.deliveries.queueManualAttempt(job.tenantId, derivedDeliveryId(event.id, endpoint.id), now);
      processed += 1;
      if (processed % 100 === 0 || processed === targets.length) {
        await deps.jobs.progress(job.id, { processed, cursor: null, now: deps.clock.now() });
      }
    }
  };
}
