import { useApi } from '../ui/api.js';
import { Badge, JsonView, Link, Time } from '../ui/format.js';
import { Async, Empty } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';

export function EventDetail({ id }: { id: string }) {
  const api = useApi();
  const event = useAsync(() => api.events.get(id), [id]);
  useInterval(event.reload, 3000);
  return (
    <Async state={event} what="the event">
      {(e) => (
        <section aria-labelledby="event-title">
          <p>
            <Link to="/events">← Events</Link>
          </p>
          <h1 id="event-title" class="wrap">
            {e.id}
          </h1>
          <dl class="card">
            <dt>Type</dt>
            <dd>{e.eventType}</dd>
            <dt>Owner</dt>
            <dd>{e.ownerId ?? '—'}</dd>
            <dt>Received</dt>
            <dd>
              <Time at={e.createdAt} />
            </dd>
            <dt>Source</dt>
            <dd>{e.sourceId ? <Link to={`/sources/${e.sourceId}`}>{e.sourceId}</Link> : 'API'}</dd>
          </dl>
          <h2>Payload</h2>
          <JsonView value={e.payload} label="Event payload" />
          <h2>Delivered to</h2>
          {e.deliveries.length === 0 ? (
            <Empty title="No endpoint got this event.">
              No endpoint's event types and filter matched it: check the endpoints' event type patterns.
            </Empty>
          ) : (
            <ul class="plain">
              {e.deliveries.map((d) => (
                <li key={d.id}>
                  <Link to={`/deliveries/${d.id}`}>{d.id}</Link> →{' '}
                  <Link to={`/endpoints/${d.endpointId}`}>{d.endpointId}</Link> <Badge value={d.status} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Async>
  );
}
