import { useState } from 'preact/hooks';
import type { Attempt } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, JsonView, Link, Time } from '../ui/format.js';
import { Async, describeError, Empty } from '../ui/states.js';
import { useIsPortal } from '../ui/mode.js';
import { useAsync, useInterval } from '../ui/useAsync.js';

export function DeliveryDetail({ id }: { id: string }) {
  const api = useApi();
  const portal = useIsPortal();
  const delivery = useAsync(() => api.deliveries.get(id), [id]);
  const attempts = useAsync(() => api.deliveries.listAttempts(id, { limit: 50 }), [id]);
  useInterval(() => {
    delivery.reload();
    attempts.reload();
  }, 3000);
  const [message, setMessage] = useState<string | null>(null);
  const retry = async () => {
    try {
      await api.deliveries.retry(id);
      setMessage('Retry queued: a new attempt appears below in a moment.');
      delivery.reload();
    } catch (failure) {
      setMessage(describeError(failure));
    }
  };
  return (
    <Async state={delivery} what="the delivery">
      {(d) => (
        <section aria-labelledby="delivery-title">
          <p>
            {portal ? (
              <Link to={`/endpoints/${d.endpointId}`}>← Endpoint</Link>
            ) : (
              <Link to="/deliveries">← Deliveries</Link>
            )}
          </p>
          <div class="title-row">
            <h1 id="delivery-title" class="wrap">
              {d.id}
            </h1>
            <Badge value={d.status} />
          </div>
          <dl class="card">
            <dt>Event</dt>
            <dd>
              {portal ? <code>{d.eventId}</code> : <Link to={`/events/${d.eventId}`}>{d.eventId}</Link>} (
              {d.eventType})
            </dd>
            <dt>Endpoint</dt>
            <dd>
              <Link to={`/endpoints/${d.endpointId}`}>{d.endpointId}</Link>
            </dd>
            <dt>Attempts</dt>
            <dd>{d.attemptCount}</dd>
            <dt>Next attempt</dt>
            <dd>
              <Time at={d.nextAttemptAt} />
            </dd>
          </dl>
          <div class="actions">
            <button type="button" onClick={() => void retry()}>
              Retry now
            </button>
          </div>
          {message && <p role="status">{message}</p>}
          <h2>Attempts</h2>
          <Async state={attempts} what="attempts">
            {({ data }) =>
              data.length === 0 ? (
                <Empty title="No attempts yet.">
                  The dispatcher sends it shortly; a paused endpoint keeps it pending until resumed.
                </Empty>
              ) : (
                <ol class="attempts">
                  {data.map((a) => (
                    <AttemptItem key={a.id} attempt={a} />
                  ))}
                </ol>
              )
            }
          </Async>
        </section>
      )}
    </Async>
  );
}

function AttemptItem({ attempt: a }: { attempt: Attempt }) {
  const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
  return (
    <li class="card attempt">
      <details>
        <summary>
          #{a.attemptNumber} <Badge value={ok ? 'succeeded' : 'failed'} />{' '}
          {a.statusCode ?? a.error?.code ?? 'no answer'} · {a.durationMs} ms · <Time at={a.startedAt} /> ·{' '}
          {a.trigger}
        </summary>
        <dl>
          <dt>URL</dt>
          <dd class="wrap">{a.url}</dd>
          <dt>Egress address</dt>
          <dd>{a.egressAddress ?? '—'}</dd>
          {a.error && (
            <>
              <dt>Error</dt>
              <dd>
                {a.error.code}: {a.error.message}
              </dd>
            </>
          )}
        </dl>
        <h3>Request headers</h3>
        <JsonView value={a.requestHeaders} label="Request headers" />
        <h3>Response headers</h3>
        <JsonView value={a.responseHeaders} label="Response headers" />
        <h3>Response body</h3>
        <pre class="json" tabIndex={0} aria-label="Response body">
          {a.responseBodyExcerpt ?? ''}
        </pre>
      </details>
    </li>
  );
}
