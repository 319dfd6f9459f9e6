import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Badge, Link, Time } from '../ui/format.js';
import { Async, Empty } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';
import { SourceForm } from './SourceForm.js';

export function SourcesView() {
  const api = useApi();
  const list = useAsync(() => api.sources.list({ limit: 100 }), []);
  useInterval(list.reload, 5000);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="sources-title">
      <div class="title-row">
        <h1 id="sources-title">Sources</h1>
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {creating ? 'Close' : 'New source'}
        </button>
      </div>
      {creating && (
        <SourceForm
          onCreated={(id) => {
            setCreating(false);
            location.hash = `/sources/${id}`;
          }}
        />
      )}
      <Async state={list} what="sources">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No sources.">
              A source pulls events from your broker (Pub/Sub, SQS, Kafka): create one with{' '}
              <em>New source</em>.
            </Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">State</th>
                    <th scope="col">Received</th>
                    <th scope="col">Accepted</th>
                    <th scope="col">Rejected</th>
                    <th scope="col">Last message</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/sources/${s.id}`}>{s.name}</Link>
                      </td>
                      <td>{s.type}</td>
                      <td>
                        <Badge value={s.status.state} />
                      </td>
                      <td>{s.status.metrics.messagesReceived}</td>
                      <td>{s.status.metrics.eventsAccepted}</td>
                      <td>{s.status.metrics.messagesRejected}</td>
                      <td>
                        <Time at={s.status.lastMessageAt} />
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
