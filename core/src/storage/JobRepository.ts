import type { Job, JobStatus } from '../domain/job.js';

/** A job as the runner works on it: the job and where its scan stands. */
export interface RunnableJob extends Job {
  cursor: string | null;
}

/** Persistence of background jobs (bulk retry, endpoint recovery, event replay). */
export interface JobRepository {
  insert(job: Job): Promise<void>;
  get(tenantId: string, id: string): Promise<(Job & { finishedAt: number | null }) | undefined>;
  /**
   * Takes the oldest queued job, or a running one whose runner stopped reporting progress before
   * `staleBefore`, and marks it running. Several runners never take the same job at once.
   */
  claimNext(now: number, staleBefore: number): Promise<RunnableJob | undefined>;
  progress(
    id: string,
    changes: { processed: number; total?: number | null; cursor: string | null; now: number },
  ): Promise<void>;
  finish(
    id: string,
    status: Extract<JobStatus, 'succeeded' | 'failed'>,
    error: Job['error'],
    now: number,
  ): Promise<void>;
}
