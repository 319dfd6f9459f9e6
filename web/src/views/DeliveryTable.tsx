import type { Delivery } from '@caravan/client';
import { Badge, Link, Time } from '../ui/format.js';
import { Empty } from '../ui/states.js';

export function DeliveryTable({
  deliveries,
  empty,
  showEndpoint = false,
}: {
  deliveries: Delivery[];
  empty: string;
  /** A column naming each delivery's endpoint, for lists across endpoints. */
  showEndpoint?: boolean;
}) {
  if (deliveries.length === 0) return <Empty title="No deliveries.">{empty}</Empty>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Delivery</th>
            {showEndpoint && <th scope="col">Endpoint</th>}
            <th scope="col">Event type</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/deliveries/${d.id}`}>{d.id}</Link>
              </td>
              {showEndpoint && (
                <td>
                  <Link to={`/endpoints/${d.endpointId}`}>{d.endpointId}</Link>
                </td>
              )}
              <td>{d.eventType}</td>
              <td>
                <Badge value={d.status} />
              </td>
              <td>{d.attemptCount}</td>
              <td>{d.lastStatusCode ?? d.lastError?.code ?? '—'}</td>
              <td>
                <Time at={d.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
