import { useState } from 'preact/hooks';
import type { EndpointCreated } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, Link, Time } from '../ui/format.js';
import { Async, Empty } from '../ui/states.js';
import { useIsPortal } from '../ui/mode.js';
import { useAsync } from '../ui/useAsync.js';
import { EndpointForm } from './EndpointForm.js';
import { SecretOnce } from './SecretOnce.js';

export function EndpointsView() {
  const api = useApi();
  const portal = useIsPortal();
  const [owner, setOwner] = useState('');
  const list = useAsync(
    () => api.endpoints.list(owner ? { ownerId: owner, limit: 100 } : { limit: 100 }),
    [owner],
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<EndpointCreated | null>(null);
  return (
    <section aria-labelledby="endpoints-title">
      <div class="title-row">
        <h1 id="endpoints-title">Endpoints</h1>
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {creating ? 'Close' : 'New endpoint'}
        </button>
      </div>
      {created && <SecretOnce secret={created.secret} endpointId={created.id} />}
      {creating && (
        <EndpointForm
          submitLabel="Create endpoint"
          onSubmit={async (body) => {
            const endpoint = await api.endpoints.create(body);
            setCreated(endpoint);
            setCreating(false);
            list.reload();
          }}
        />
      )}
      {!portal && (
        <div class="filters">
          <label>
            Owner
            <input value={owner} onChange={(e) => setOwner(e.currentTarget.value.trim())} placeholder="any" />
          </label>
        </div>
      )}
      <Async state={list} what="endpoints">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No endpoints yet.">
              {portal ? (
                <>
                  Add the URL where you want to receive webhooks with <em>New endpoint</em>.
                </>
              ) : (
                <>
                  Create one with <em>New endpoint</em>: give the URL where your customer receives webhooks,
                  then send an event from <Link to="/events">Events</Link>.
                </>
              )}
            </Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Event types</th>
                    <th scope="col">Status</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((endpoint) => (
                    <tr key={endpoint.id}>
                      <td>
                        <Link to={`/endpoints/${endpoint.id}`}>{endpoint.url}</Link>
                        {endpoint.description && <div class="muted">{endpoint.description}</div>}
                      </td>
                      <td>{endpoint.ownerId ?? <span class="muted">—</span>}</td>
                      <td>{endpoint.eventTypes.join(', ')}</td>
                      <td>
                        <Badge value={endpoint.status} />
                      </td>
                      <td>
                        <Time at={endpoint.createdAt} />
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
