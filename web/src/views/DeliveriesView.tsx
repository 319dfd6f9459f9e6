import { useState } from 'preact/hooks';
import type { DeliveryStatus, Job } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Async, describeError } from '../ui/states.js';
import { useIsPortal } from '../ui/mode.js';
import { useAsync, useInterval } from '../ui/useAsync.js';
import { DeliveryTable } from './DeliveryTable.js';
import { JobProgress } from './JobProgress.js';

const statuses: DeliveryStatus[] = ['pending', 'succeeded', 'retrying', 'failed', 'discarded'];

/** Deliveries across every endpoint (in the portal: every endpoint of the token's owner). */
export function DeliveriesView() {
  const api = useApi();
  const portal = useIsPortal();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const list = useAsync(() => api.deliveries.list(status ? { status, limit: 50 } : { limit: 50 }), [status]);
  useInterval(list.reload, 3000);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const bulkRetry = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setJob(await api.deliveries.bulkRetry({ status: ['failed'], since: new Date(since).toISOString() }));
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">Deliveries</h1>
      <div class="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as DeliveryStatus | '')}>
            <option value="">any</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {!portal && (
          <form class="inline" onSubmit={(e) => void bulkRetry(e)}>
            <label>
              Retry every failed delivery since
              <input
                type="datetime-local"
                required
                value={since}
                onInput={(e) => setSince(e.currentTarget.value)}
              />
            </label>
            <button type="submit">Bulk retry</button>
          </form>
        )}
      </div>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      {job && <JobProgress job={job} />}
      <Async state={list} what="deliveries">
        {({ data }) => (
          <DeliveryTable
            deliveries={data}
            showEndpoint
            empty={
              status
                ? `No ${status} deliveries. Pick another status, or "any".`
                : portal
                  ? 'Deliveries to your endpoints show here as events are sent to them. Add an endpoint under Endpoints.'
                  : 'Deliveries appear when an event matches an endpoint: create an endpoint, then send an event.'
            }
          />
        )}
      </Async>
    </section>
  );
}
