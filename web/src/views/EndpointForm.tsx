import { useState } from 'preact/hooks';
import type { Endpoint } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { describeError } from '../ui/states.js';
import { useIsPortal } from '../ui/mode.js';
import { useAsync } from '../ui/useAsync.js';

export interface EndpointFields {
  url: string;
  description: string | null;
  /** Absent in the portal: the token's owner is the endpoint's. */
  ownerId?: string | null;
  eventTypes: string[];
  egressPoolId: string | null;
}

/** Create or edit an endpoint's main settings; errors name the field the API refused. */
export function EndpointForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial?: Endpoint;
  submitLabel: string;
  onSubmit: (fields: EndpointFields) => Promise<void>;
}) {
  const api = useApi();
  const portal = useIsPortal();
  const pools = useAsync(() => api.tenant.listEgressPools({ limit: 100 }), []);
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [ownerId, setOwnerId] = useState(initial?.ownerId ?? '');
  const [eventTypes, setEventTypes] = useState(initial?.eventTypes.join(', ') ?? '*');
  const [pool, setPool] = useState(initial?.egressPoolId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        url: url.trim(),
        description: description.trim() || null,
        ...(!portal && { ownerId: ownerId.trim() || null }),
        eventTypes: eventTypes
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        egressPoolId: pool || null,
      });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={(e) => void submit(e)}>
      <label>
        URL
        <input
          name="url"
          type="url"
          required
          placeholder="https://customer.example.com/webhooks"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        Description
        <input
          name="description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      {!portal && (
        <label>
          Owner id <span class="muted">(your customer; groups their endpoints)</span>
          <input name="ownerId" value={ownerId} onInput={(e) => setOwnerId(e.currentTarget.value)} />
        </label>
      )}
      <label>
        Event types{' '}
        <span class="muted">
          (comma-separated patterns, <code>*</code> for all)
        </span>
        <input
          name="eventTypes"
          required
          value={eventTypes}
          onInput={(e) => setEventTypes(e.currentTarget.value)}
        />
      </label>
      <label>
        Egress pool
        <select name="egressPoolId" value={pool} onChange={(e) => setPool(e.currentTarget.value)}>
          <option value="">Default</option>
          {pools.data?.data.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.publicIps.join(', ') || 'no public IPs listed'})
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
