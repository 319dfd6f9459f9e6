import { newId } from './ids.js';

/** What a background job does; the contract's `Job.type`, stored as `jobs.kind`. */
export type JobType = 'bulk_retry' | 'endpoint_recover' | 'event_replay';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** Background work started by bulk retry, endpoint recovery or event replay. */
export interface Job {
  id: string;
  tenantId: string;
  type: JobType;
  /** What the job works on, as the pipeline reads it (times in epoch ms). */
  params: Record<string, unknown>;
  status: JobStatus;
  /** Deliveries the job will handle, or `null` until it has counted them. */
  total: number | null;
  processed: number;
  error: { code: string; message: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** A job as it is created: queued, nothing counted or processed yet. */
export function newJob(tenantId: string, type: JobType, params: Record<string, unknown>, now: number): Job {
  return {
    id: newId('job', now),
    tenantId,
    type,
    params,
    status: 'queued',
    total: null,
    processed: 0,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
}
