import type { Clock } from '../domain/Clock.js';
import { CaravanError, isRetriable } from '../errors/index.js';
import type { DeliveryStatus } from '../domain/delivery.js';
import type { Logger } from '../observability/index.js';
import type { DeliveryFilter, DeliveryRepository } from '../storage/DeliveryRepository.js';
import type { JobRepository, RunnableJob } from '../storage/JobRepository.js';
import { decodeCursor, encodeCursor } from '../storage/Page.js';

export interface JobRunnerDeps {
  jobs: JobRepository;
  deliveries: DeliveryRepository;
  clock: Clock;
  logger: Logger;
  /** How often to look for queued jobs when idle. */
  intervalMs?: number;
  /** Deliveries queued per step; progress is saved after each step. */
  chunkSize?: number;
  /** A running job whose progress is older than this is taken over (its runner died). */
  staleAfterMs?: number;
  /** Runs job types this runner does not know itself (event replay needs the router's matching). */
  extraHandlers?: Partial<Record<string, (job: RunnableJob) => Promise<void>>>;
}

/**
 * Executes bulk retry and endpoint recovery jobs: scans the matching deliveries in (created_at, id)
 * order and queues a manual attempt for each (the scheduler appends them). Progress and the scan
 * position are saved after every chunk, so a job survives the death of its runner and resumes where
 * it stood; re-queuing a delivery twice only sends it twice (at least once).
 */
export function createJobRunner(deps: JobRunnerDeps) {
  const intervalMs = deps.intervalMs ?? 1000;
  const chunkSize = deps.chunkSize ?? 500;
  const staleAfterMs = deps.staleAfterMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function runJob(job: RunnableJob): Promise<void> {
    const extra = deps.extraHandlers?.[job.type];
    if (extra) {
      await extra(job);
      await deps.jobs.finish(job.id, 'succeeded', null, deps.clock.now());
      return;
    }
    const filter = filterOf(job);
    let processed = job.processed;
    let position = job.cursor ? decodeCursor(job.cursor) : null;
    if (job.total === null) {
      await deps.jobs.progress(job.id, {
        processed,
        total: await deps.deliveries.count(job.tenantId, filter),
        cursor: job.cursor,
        now: deps.clock.now(),
      });
    }
    while (!stopped) {
      const step = await deps.deliveries.queueManualAttempts(
        job.tenantId,
        filter,
        position,
        chunkSize,
        deps.clock.now(),
      );
      processed += step.scanned;
      position = step.last ?? position;
      await deps.jobs.progress(job.id, {
        processed,
        cursor: position ? encodeCursor(position) : null,
        now: deps.clock.now(),
      });
      if (step.scanned < chunkSize) {
        await deps.jobs.finish(job.id, 'succeeded', null, deps.clock.now());
        return;
      }
    }
  }

  async function tick(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const now = deps.clock.now();
      const job = await deps.jobs.claimNext(now, now - staleAfterMs);
      if (!job) return;
      try {
        await runJob(job);
      } catch (error) {
        if (isRetriable(error)) {
          // Left running: claimNext takes it again once it is stale, and it goes on from its saved cursor.
          deps.logger.warn({ err: error, jobId: job.id }, 'job interrupted; it will be tried again');
          continue;
        }
        deps.logger.error({ err: error, jobId: job.id }, 'job failed');
        const code = error instanceof CaravanError ? error.code : 'CARAVAN_INTERNAL';
        await deps.jobs.finish(
          job.id,
          'failed',
          { code, message: (error as Error).message.slice(0, 500) },
          deps.clock.now(),
        );
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'job runner tick failed'))
        .finally(schedule);
    }, intervalMs);
  }

  return {
    start(): void {
      stopped = false;
      schedule();
    },
    /** Runs queued jobs now, until none is left (tests and shutdown-free callers). */
    runOnce: tick,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

function filterOf(job: RunnableJob): DeliveryFilter {
  const p = job.params as {
    status?: DeliveryStatus[];
    endpointId?: string;
    eventId?: string;
    eventType?: string;
    since?: number | string;
    until?: number | string;
  };
  const time = (v: number | string | undefined) =>
    v === undefined ? undefined : typeof v === 'number' ? v : Date.parse(v);
  const since = time(p.since);
  const until = time(p.until);
  return {
    status: job.type === 'endpoint_recover' ? ['failed', 'discarded'] : (p.status ?? ['failed']),
    ...(p.endpointId ? { endpointId: p.endpointId } : {}),
    ...(p.eventId ? { eventId: p.eventId } : {}),
    ...(p.eventType ? { eventType: p.eventType } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}
