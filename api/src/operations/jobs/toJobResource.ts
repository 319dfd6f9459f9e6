import type { Job } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { publicCode } from '../../http/problems.js';
import { iso, isoOrNull } from '../Handler.js';

export function toJobResource(job: Job & { finishedAt?: number | null }): components['schemas']['Job'] {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    total: job.total,
    processed: job.processed,
    // A stored code the contract does not have (an internal one) is shown as the client would see it.
    error: job.error && { code: publicCode(job.error.code), message: job.error.message },
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: isoOrNull(job.finishedAt ?? null),
  };
}
