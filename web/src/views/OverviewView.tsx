import type { Delivery } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, Link } from '../ui/format.js';
import { LineChart } from '../ui/LineChart.js';
import { Async, Empty } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';

export function OverviewView() {
  const api = useApi();
  const tenant = useAsync(() => api.tenant.get(), []);
  const failing = useAsync(async () => {
    const [retrying, failed] = await Promise.all([
      api.deliveries.list({ status: 'retrying', limit: 100 }),
      api.deliveries.list({ status: 'failed', limit: 100 }),
    ]);
    return byEndpoint([...retrying.data, ...failed.data]);
  }, []);
  const sources = useAsync(() => api.sources.list({ limit: 100 }), []);
  const stats = useAsync(() => api.tenant.getStats({ bucketSeconds: 60 }), []);
  useInterval(() => {
    failing.reload();
    sources.reload();
    stats.reload();
  }, 5000);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <Async state={tenant} what="the tenant">
        {(t) => (
          <p class="muted">
            Tenant <strong>{t.name}</strong> (<code>{t.id}</code>)
          </p>
        )}
      </Async>
      <div class="card">
        <h2>Last hour</h2>
        <Async state={stats} what="statistics">
          {({ data, bucketSeconds }) => {
            const events = data.reduce((n, b) => n + b.events, 0);
            const succeeded = data.reduce((n, b) => n + b.attemptsSucceeded, 0);
            const attempts = succeeded + data.reduce((n, b) => n + b.attemptsFailed, 0);
            return (
              <div class="grid">
                <LineChart
                  label="Events per second"
                  summary={`${events} events in the last hour, ${(events / 3600).toFixed(2)} per second on average`}
                  format={(v) => v.toFixed(v < 10 ? 2 : 0)}
                  points={data.map((b) => ({ at: Date.parse(b.at), value: b.events / bucketSeconds }))}
                />
                <LineChart
                  label="Delivery success rate"
                  summary={
                    attempts === 0
                      ? 'No delivery attempts in the last hour.'
                      : `${Math.round((succeeded / attempts) * 100)} % of ${attempts} attempts answered with a 2xx`
                  }
                  format={(v) => `${Math.round(v * 100)} %`}
                  max={1}
                  points={data.map((b) => {
                    const total = b.attemptsSucceeded + b.attemptsFailed;
                    return { at: Date.parse(b.at), value: total === 0 ? null : b.attemptsSucceeded / total };
                  })}
                />
              </div>
            );
          }}
        </Async>
      </div>
      <div class="grid">
        <div class="card">
          <h2>Failing endpoints</h2>
          <Async state={failing} what="failing endpoints">
            {(rows) =>
              rows.length === 0 ? (
                <Empty title="Every endpoint is healthy.">
                  Endpoints with retrying or failed deliveries show here.{' '}
                  <Link to="/endpoints">See all endpoints</Link>.
                </Empty>
              ) : (
                <ul class="plain">
                  {rows.map(([endpointId, count]) => (
                    <li key={endpointId}>
                      <Link to={`/endpoints/${endpointId}`}>{endpointId}</Link>: {count} deliveries retrying
                      or failed
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        </div>
        <div class="card">
          <h2>Sources</h2>
          <Async state={sources} what="sources">
            {({ data }) =>
              data.length === 0 ? (
                <Empty title="No sources.">
                  Pull events from a broker: <Link to="/sources">create a source</Link>.
                </Empty>
              ) : (
                <ul class="plain">
                  {data.map((s) => (
                    <li key={s.id}>
                      <Link to={`/sources/${s.id}`}>{s.name}</Link> <Badge value={s.status.state} />{' '}
                      {s.status.metrics.eventsAccepted} events
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        </div>
      </div>
    </section>
  );
}

function byEndpoint(deliveries: Delivery[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const d of deliveries) counts.set(d.endpointId, (counts.get(d.endpointId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
