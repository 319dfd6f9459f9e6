import type { Clock } from '../domain/Clock.js';
import type { Delivery } from '../domain/delivery.js';
import type { EventFilter, EventSummary, StoredEvent } from '../domain/event.js';
import { newJob, type Job } from '../domain/job.js';
import { EventNotFoundError } from '../errors/index.js';
import type { DeliveryRepository } from '../storage/DeliveryRepository.js';
import type { EventRepository } from '../storage/EventRepository.js';
import type { JobRepository } from '../storage/JobRepository.js';
import type { Page, PageRequest } from '../storage/Page.js';

export interface EventServiceDeps {
  events: EventRepository;
  deliveries: Pick<DeliveryRepository, 'list'>;
  jobs: Pick<JobRepository, 'insert'>;
  clock: Clock;
}

/** An event with the first page of its deliveries. */
export interface EventWithDeliveries {
  event: StoredEvent;
  /** Newest first, at most {@link EVENT_DELIVERIES_SHOWN}. */
  deliveries: Delivery[];
  hasMoreDeliveries: boolean;
}

/** Deliveries shown with an event (the contract's `Event.deliveries` maxItems). */
export const EVENT_DELIVERIES_SHOWN = 100;

/**
 * A tenant's persisted events: lists, one event with its deliveries, and replay. Ingest is
 * `EventIngestService`; an accepted event shows here once the router has persisted it.
 */
export class EventService {
  constructor(private readonly deps: EventServiceDeps) {}

  list(tenantId: string, filter: EventFilter, page: PageRequest): Promise<Page<EventSummary>> {
    return this.deps.events.list(tenantId, filter, page);
  }

  async get(tenantId: string, id: string): Promise<EventWithDeliveries> {
    const event = await this.deps.events.get(tenantId, id);
    if (!event) throw new EventNotFoundError(id);
    const page = await this.deps.deliveries.list(
      tenantId,
      { eventId: id },
      { limit: EVENT_DELIVERIES_SHOWN },
    );
    return { event, deliveries: page.data, hasMoreDeliveries: page.nextCursor !== null };
  }

  /** Queues a job that sends the event again to every endpoint that matches it when the job runs. */
  async replay(tenantId: string, id: string): Promise<Job> {
    const known = await this.deps.events.existingIds(tenantId, [id]);
    if (!known.has(id)) throw new EventNotFoundError(id);
    const now = this.deps.clock.now();
    const job = newJob(tenantId, 'event_replay', { eventId: id }, now);
    await this.deps.jobs.insert(job);
    return job;
  }
}
