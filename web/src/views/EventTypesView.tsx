import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { JsonView } from '../ui/format.js';
import { Async, describeError, Empty } from '../ui/states.js';
import { useAsync } from '../ui/useAsync.js';

export function EventTypesView() {
  const api = useApi();
  const list = useAsync(() => api.eventTypes.list({ limit: 100 }), []);
  const [name, setName] = useState('');
  const [schema, setSchema] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const parsed: unknown = schema.trim() ? JSON.parse(schema) : null;
      await api.eventTypes.create({ name: name.trim(), schema: parsed as Record<string, unknown> | null });
      setName('');
      setSchema('');
      list.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section aria-labelledby="event-types-title">
      <h1 id="event-types-title">Event types</h1>
      <form class="card form" onSubmit={(e) => void create(e)}>
        <label>
          Name
          <input
            name="name"
            required
            placeholder="invoice.paid"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          JSON Schema of the payload <span class="muted">(optional; ingest enforces it)</span>
          <textarea name="schema" rows={4} value={schema} onInput={(e) => setSchema(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="state error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Add event type</button>
      </form>
      <Async state={list} what="event types">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No event types declared.">
              Events of any type are accepted; declare a type above to describe it and enforce a payload
              schema.
            </Empty>
          ) : (
            <ul class="plain">
              {data.map((t) => (
                <li key={t.name} class="card">
                  <h2>{t.name}</h2>
                  {t.description && <p>{t.description}</p>}
                  {t.schema ? (
                    <JsonView value={t.schema} label={`Schema of ${t.name}`} />
                  ) : (
                    <p class="muted">No schema.</p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
