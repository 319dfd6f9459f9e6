import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Badge, JsonView, Link, Time } from '../ui/format.js';
import { Async, describeError, Empty } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';

export function SourceDetail({ id }: { id: string }) {
  const api = useApi();
  const source = useAsync(() => api.sources.get(id), [id]);
  const deadLetters = useAsync(() => api.sources.listDeadLetters(id, { limit: 50 }), [id]);
  useInterval(source.reload, 2000);
  const [message, setMessage] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setMessage(done);
      source.reload();
      deadLetters.reload();
    } catch (failure) {
      setMessage(describeError(failure));
    }
  };
  return (
    <Async state={source} what="the source">
      {(s) => (
        <section aria-labelledby="source-title">
          <p>
            <Link to="/sources">← Sources</Link>
          </p>
          <div class="title-row">
            <h1 id="source-title">{s.name}</h1>
            <Badge value={s.status.state} />
          </div>
          <div class="actions">
            {s.status.state === 'paused' ? (
              <button type="button" onClick={() => void act(() => api.sources.resume(id), 'Source resumed.')}>
                Resume
              </button>
            ) : (
              <button type="button" onClick={() => void act(() => api.sources.pause(id), 'Source paused.')}>
                Pause
              </button>
            )}
          </div>
          {message && <p role="status">{message}</p>}
          <div class="metrics" aria-label="Source metrics">
            <Metric label="Messages received" value={s.status.metrics.messagesReceived} />
            <Metric label="Events accepted" value={s.status.metrics.eventsAccepted} />
            <Metric label="Retried" value={s.status.metrics.messagesRetried} />
            <Metric label="Dead letters" value={s.status.metrics.messagesRejected} />
          </div>
          <dl class="card">
            <dt>Type</dt>
            <dd>{s.type}</dd>
            <dt>Workers</dt>
            <dd>{s.workers}</dd>
            <dt>Format</dt>
            <dd>{s.format}</dd>
            <dt>Last message</dt>
            <dd>
              <Time at={s.status.lastMessageAt} />
            </dd>
            <dt>Last error</dt>
            <dd>{s.status.lastError ? `${s.status.lastError.code}: ${s.status.lastError.message}` : '—'}</dd>
          </dl>
          <h2>Configuration</h2>
          <JsonView value={s.config} label="Source configuration" />
          <h2>Dead letters</h2>
          <Async state={deadLetters} what="dead letters">
            {({ data }) =>
              data.length === 0 ? (
                <Empty title="No dead letters.">
                  Messages this source cannot turn into events land here, with the reason, for replay.
                </Empty>
              ) : (
                <ul class="plain">
                  {data.map((d) => (
                    <li key={d.id} class="card">
                      <p>
                        <code>{d.messageId}</code> <Time at={d.receivedAt} /> — {d.reason.code}:{' '}
                        {d.reason.message}
                      </p>
                      <pre class="json" tabIndex={0} aria-label="Message body">
                        {decode(d.body)}
                      </pre>
                      {d.replayedEventId ? (
                        <p>
                          Replayed as <Link to={`/events/${d.replayedEventId}`}>{d.replayedEventId}</Link>
                        </p>
                      ) : (
                        <button
                          type="button"
                          onClick={() => void act(() => api.sources.replayDeadLetter(id, d.id), 'Replayed.')}
                        >
                          Replay
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        </section>
      )}
    </Async>
  );
}

function Metric({ label, value }: { label: string; value: number }) {
  return (
    <div class="metric">
      <span class="value">{value}</span>
      <span class="label">{label}</span>
    </div>
  );
}

function decode(base64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return base64;
  }
}
