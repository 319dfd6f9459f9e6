import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Link } from '../ui/format.js';
import { describeError } from '../ui/states.js';

/** Sends a test event, the way a tenant's backend would through POST /v1/events. */
export function SendEventForm({ onSent, open = false }: { onSent: () => void; open?: boolean }) {
  const api = useApi();
  const [eventType, setEventType] = useState('invoice.paid');
  const [payload, setPayload] = useState('{\n  "invoiceId": "in_1"\n}');
  const [ownerId, setOwnerId] = useState('');
  const [result, setResult] = useState<{ id: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      setError('Payload: not valid JSON.');
      return;
    }
    try {
      const sent = await api.events.send({
        eventType,
        payload: parsed,
        ...(ownerId.trim() && { ownerId: ownerId.trim() }),
      });
      setResult(sent);
      onSent();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <details class="card" open={open}>
      <summary>Send a test event</summary>
      <form class="form" onSubmit={(e) => void send(e)}>
        <label>
          Event type
          <input
            name="eventType"
            required
            value={eventType}
            onInput={(e) => setEventType(e.currentTarget.value)}
          />
        </label>
        <label>
          Owner id <span class="muted">(optional: only that customer's endpoints)</span>
          <input name="ownerId" value={ownerId} onInput={(e) => setOwnerId(e.currentTarget.value)} />
        </label>
        <label>
          Payload (JSON)
          <textarea
            name="payload"
            rows={5}
            value={payload}
            onInput={(e) => setPayload(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="state error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <p role="status">
            Accepted as <Link to={`/events/${result.id}`}>{result.id}</Link>; it lists below once routed.
          </p>
        )}
        <button type="submit">Send event</button>
      </form>
    </details>
  );
}
