import { useState } from 'preact/hooks';
import type { Job } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, Link, Time } from '../ui/format.js';
import { Async, describeError } from '../ui/states.js';
import { useIsPortal } from '../ui/mode.js';
import { useAsync } from '../ui/useAsync.js';
import { DeliveryTable } from './DeliveryTable.js';
import { EndpointForm } from './EndpointForm.js';
import { JobProgress } from './JobProgress.js';
import { PortalLink } from './PortalLink.js';
import { SecretsPanel } from './SecretsPanel.js';

export function EndpointDetail({ id }: { id: string }) {
  const api = useApi();
  const portal = useIsPortal();
  const endpoint = useAsync(() => api.endpoints.get(id), [id]);
  const health = useAsync(() => api.endpoints.getHealth(id), [id]);
  const pools = useAsync(() => api.tenant.listEgressPools({ limit: 100 }), []);
  const deliveries = useAsync(() => api.deliveries.list({ endpointId: id, limit: 20 }), [id]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      endpoint.reload();
      health.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <Async state={endpoint} what="the endpoint">
      {(ep) => {
        const pool = pools.data?.data.find((p) => (ep.egressPoolId ? p.id === ep.egressPoolId : p.isDefault));
        return (
          <section aria-labelledby="endpoint-title">
            <p>
              <Link to="/endpoints">← Endpoints</Link>
            </p>
            <div class="title-row">
              <h1 id="endpoint-title" class="wrap">
                {ep.url}
              </h1>
              <Badge value={ep.status} />
            </div>
            <div class="actions">
              {ep.status === 'active' ? (
                <button type="button" onClick={() => void act(() => api.endpoints.pause(id))}>
                  Pause
                </button>
              ) : (
                <button type="button" onClick={() => void act(() => api.endpoints.resume(id))}>
                  Resume
                </button>
              )}
              <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
                {editing ? 'Cancel edit' : 'Edit'}
              </button>
            </div>
            {error && (
              <p class="state error" role="alert">
                {error}
              </p>
            )}
            {editing && (
              <EndpointForm
                initial={ep}
                submitLabel="Save endpoint"
                onSubmit={async (fields) => {
                  await api.endpoints.update(id, fields);
                  setEditing(false);
                  endpoint.reload();
                }}
              />
            )}
            <div class="grid">
              <div class="card">
                <h2>Settings</h2>
                <dl>
                  <dt>Id</dt>
                  <dd>
                    <code>{ep.id}</code>
                  </dd>
                  <dt>Owner</dt>
                  <dd>{ep.ownerId ?? '—'}</dd>
                  <dt>Event types</dt>
                  <dd>{ep.eventTypes.join(', ')}</dd>
                  <dt>Description</dt>
                  <dd>{ep.description ?? '—'}</dd>
                  {ep.disabledReason && (
                    <>
                      <dt>Disabled because</dt>
                      <dd>{ep.disabledReason}</dd>
                    </>
                  )}
                  <dt>Egress pool</dt>
                  <dd>{pool ? pool.name : (ep.egressPoolId ?? 'default')}</dd>
                  <dt>Public IPs</dt>
                  <dd data-testid="public-ips">
                    {pool?.publicIps.length ? pool.publicIps.join(', ') : 'the server’s own address'}
                  </dd>
                </dl>
              </div>
              <div class="card">
                <h2>Health</h2>
                <Async state={health} what="health">
                  {(h) => (
                    <dl>
                      <dt>Breaker</dt>
                      <dd>
                        <Badge value={h.breakerState} />
                      </dd>
                      <dt>Success rate</dt>
                      <dd>
                        {h.recentSuccessRate === null
                          ? 'no attempts yet'
                          : `${Math.round(h.recentSuccessRate * 100)} % of ${h.recentAttempts} in ${Math.round(h.windowSeconds / 60)} min`}
                      </dd>
                      <dt>Last success</dt>
                      <dd>
                        <Time at={h.lastSuccessAt} />
                      </dd>
                      <dt>Failing since</dt>
                      <dd>
                        <Time at={h.failingSince} />
                      </dd>
                      <dt>Last error</dt>
                      <dd>{h.lastError ? `${h.lastError.code}: ${h.lastError.message}` : '—'}</dd>
                      {h.nextProbeAt && (
                        <>
                          <dt>Next probe</dt>
                          <dd>
                            <Time at={h.nextProbeAt} />
                          </dd>
                        </>
                      )}
                    </dl>
                  )}
                </Async>
              </div>
            </div>
            <SecretsPanel endpointId={id} />
            {!portal && ep.ownerId && <PortalLink ownerId={ep.ownerId} />}
            <div class="card">
              <h2>Recover</h2>
              <form
                class="inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(async () =>
                    setJob(await api.endpoints.recover(id, { since: new Date(since).toISOString() })),
                  );
                }}
              >
                <label>
                  Resend every failed delivery since
                  <input
                    type="datetime-local"
                    required
                    value={since}
                    onInput={(e) => setSince(e.currentTarget.value)}
                  />
                </label>
                <button type="submit">Recover</button>
              </form>
              {job && <JobProgress job={job} />}
            </div>
            <h2>Recent deliveries</h2>
            <Async state={deliveries} what="deliveries">
              {({ data }) => (
                <DeliveryTable
                  deliveries={data}
                  empty="No deliveries to this endpoint yet: send an event from Events."
                />
              )}
            </Async>
          </section>
        );
      }}
    </Async>
  );
}
