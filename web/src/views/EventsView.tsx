import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Link, Time } from '../ui/format.js';
import { Async, Empty } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';
import { SendEventForm } from './SendEventForm.js';

interface Filters {
  eventType: string;
  ownerId: string;
  since: string;
  until: string;
}

const noFilters: Filters = { eventType: '', ownerId: '', since: '', until: '' };

export function EventsView() {
  const api = useApi();
  const [draft, setDraft] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const list = useAsync(
    () =>
      api.events.list({
        limit: 50,
        ...(filters.eventType && { eventType: filters.eventType }),
        ...(filters.ownerId && { ownerId: filters.ownerId }),
        ...(filters.since && { since: new Date(filters.since).toISOString() }),
        ...(filters.until && { until: new Date(filters.until).toISOString() }),
      }),
    [filters],
  );
  useInterval(list.reload, 3000);
  const field = (name: keyof Filters, label: string, type: 'text' | 'datetime-local' = 'text') => {
    // Preact's input typing ties attributes to one `type` at a time; this one is either.
    const inputType = type as 'text';
    return (
      <label>
        {label}
        <input
          type={inputType}
          name={name}
          value={draft[name]}
          onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
        />
      </label>
    );
  };
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <SendEventForm onSent={list.reload} />
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        {field('eventType', 'Type')}
        {field('ownerId', 'Owner')}
        {field('since', 'Since', 'datetime-local')}
        {field('until', 'Until', 'datetime-local')}
        <button type="submit">Search</button>
      </form>
      <Async state={list} what="events">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No events found.">
              {filters === noFilters
                ? 'Send one with the form above, through POST /v1/events, or from a source.'
                : 'Nothing matches these filters: widen the time range or clear a field.'}
            </Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Type</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Received</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/events/${e.id}`}>{e.id}</Link>
                      </td>
                      <td>{e.eventType}</td>
                      <td>{e.ownerId ?? '—'}</td>
                      <td>
                        <Time at={e.createdAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
