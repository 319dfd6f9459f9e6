import type { Job } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso, isoOrNull } from '../Handler.js';

export function toJobResource(job: Job & { finishedAt?: number | null }): components['schemas']['Job'] {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    total: job.total,
    processed: job.processed,
    error: job.error as components['schemas']['Job']['error'],
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: isoOrNull(job.finishedAt ?? null),
  };
}
