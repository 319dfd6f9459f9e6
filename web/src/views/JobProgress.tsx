import { useState } from 'preact/hooks';
import type { Job } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge } from '../ui/format.js';
import { useInterval } from '../ui/useAsync.js';

/** A bulk job (retry, recover, replay) polled until it finishes. */
export function JobProgress({ job: started }: { job: Job }) {
  const api = useApi();
  const [job, setJob] = useState(started);
  const done = job.status === 'succeeded' || job.status === 'failed';
  useInterval(() => {
    if (!done) void api.jobs.get(job.id).then(setJob, () => undefined);
  }, 1000);
  const total = job.total ?? 0;
  return (
    <div class="notice job" role="status" aria-live="polite">
      <span>
        Job <code>{job.id}</code> <Badge value={job.status} />
      </span>
      <progress max={total || 1} value={done ? total || 1 : job.processed} aria-label="Job progress" />
      <span>
        {job.processed} of {job.total ?? '?'} deliveries
      </span>
      {job.error && <span class="error">{job.error.message}</span>}
    </div>
  );
}
