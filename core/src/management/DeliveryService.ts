import type { Clock } from '../domain/Clock.js';
import type { Attempt, Delivery } from '../domain/delivery.js';
import { newJob, type Job } from '../domain/job.js';
import { CaravanError, DeliveryNotFoundError, JobNotFoundError } from '../errors/index.js';
import type { DeliveryFilter, DeliveryRepository } from '../storage/DeliveryRepository.js';
import type { JobRepository } from '../storage/JobRepository.js';
import type { Page, PageRequest } from '../storage/Page.js';

export interface BulkRetryInput {
  status: ('failed' | 'discarded' | 'succeeded')[];
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  since: number;
  until?: number;
}

/** Deliveries and their attempts as a tenant inspects them, manual retries, and jobs. */
export class DeliveryService {
  constructor(private readonly deps: { deliveries: DeliveryRepository; jobs: JobRepository; clock: Clock }) {}

  list(tenantId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>> {
    return this.deps.deliveries.list(tenantId, filter, page);
  }

  async get(tenantId: string, id: string): Promise<Delivery> {
    const delivery = await this.deps.deliveries.get(tenantId, id);
    if (!delivery) throw new DeliveryNotFoundError(id);
    return delivery;
  }

  async attempts(tenantId: string, deliveryId: string, page: PageRequest): Promise<Page<Attempt>> {
    await this.get(tenantId, deliveryId);
    return this.deps.deliveries.listAttempts(tenantId, deliveryId, page);
  }

  /**
   * Queues one immediate attempt with the same `webhook-id`. A delivery already pending is returned
   * unchanged; one to a disabled endpoint is a conflict (resume the endpoint first).
   */
  async retry(tenantId: string, id: string): Promise<Delivery> {
    const delivery = await this.get(tenantId, id);
    if (delivery.status === 'pending') return delivery;
    const endpointStatus = await this.deps.deliveries.endpointStatus(tenantId, delivery.endpointId);
    if (endpointStatus === undefined || endpointStatus === 'disabled') {
      throw new CaravanError(
        'CARAVAN_CONFLICT',
        `The endpoint of delivery ${id} is ${endpointStatus ?? 'deleted'}; resume it before retrying.`,
      );
    }
    const queued = await this.deps.deliveries.queueManualAttempt(tenantId, id, this.deps.clock.now());
    if (!queued) throw new DeliveryNotFoundError(id);
    return queued;
  }

  /** Starts a job that queues a manual attempt for every delivery matching the filter. */
  async bulkRetry(tenantId: string, input: BulkRetryInput): Promise<Job> {
    const now = this.deps.clock.now();
    const job = newJob(tenantId, 'bulk_retry', { ...input }, now);
    await this.deps.jobs.insert(job);
    return job;
  }

  async job(tenantId: string, id: string) {
    const job = await this.deps.jobs.get(tenantId, id);
    if (!job) throw new JobNotFoundError(id);
    return job;
  }
}
