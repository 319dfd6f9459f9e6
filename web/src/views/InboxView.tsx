import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Webhook, type EndpointCreated } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, Link, Time } from '../ui/format.js';
import { Async, Empty, describeError } from '../ui/states.js';
import { useAsync, useInterval } from '../ui/useAsync.js';
import { SecretOnce } from './SecretOnce.js';
import { SendEventForm } from './SendEventForm.js';

interface Inbox {
  id: string;
  url: string;
  /** The signing secret of the endpoint created here, to check signatures with (this tab only). */
  secret?: string;
}

interface InboxRequest {
  id: string;
  receivedAt: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  bodyBytes: number;
  truncated: boolean;
  answeredWith: number;
}

const answers = [
  [200, '200 OK'],
  [500, '500 Internal Server Error (Caravan retries)'],
  [503, '503 Service Unavailable (Caravan retries)'],
  [400, '400 Bad Request (Caravan retries)'],
] as const;

const STORED = 'caravan.dashboard.inbox';

function storedInbox(): Inbox | null {
  const text = sessionStorage.getItem(STORED);
  return text ? (JSON.parse(text) as Inbox) : null;
}

function keep(inbox: Inbox | null): void {
  if (inbox) sessionStorage.setItem(STORED, JSON.stringify(inbox));
  else sessionStorage.removeItem(STORED);
}

async function inboxCall<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`${location.origin}/dev/inboxes${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (res.status === 404 && path === '') {
    throw new Error(
      'The test inbox is off on this server. It is on in `caravan dev`; an operator turns it on with devInbox.enabled (CARAVAN_DEV_INBOX=true).',
    );
  }
  if (res.status === 404)
    throw new Error('This inbox is gone (inboxes live in memory: a restart forgets them).');
  if (!res.ok) throw new Error(`The inbox answered ${res.status}.`);
  return (await res.json()) as T;
}

/**
 * A receiver to point a first endpoint at without writing a server: `caravan dev` keeps the last
 * requests sent to the inbox, and this view shows them with their headers, body and a signature check
 * done here, in the browser, with the endpoint's secret (it never leaves the tab).
 */
export function InboxView() {
  const api = useApi();
  const [inbox, setInbox] = useState(storedInbox);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<EndpointCreated | null>(null);
  const update = (next: Inbox | null) => {
    keep(next);
    setInbox(next);
  };
  const endpoints = useAsync(() => api.endpoints.list({ limit: 100 }), []);
  const requests = useAsync(
    () =>
      inbox
        ? inboxCall<{ data: InboxRequest[]; status: number }>(`/${inbox.id}/requests`)
        : Promise.resolve({ data: [], status: 200 }),
    [inbox?.id],
  );
  useInterval(requests.reload, 2000);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const createInbox = () =>
    run(async () => {
      const { id, url } = await inboxCall<{ id: string; url: string }>('', 'POST');
      update({ id, url });
      setCreated(null);
    });
  const pointing = endpoints.data?.data.filter((e) => inbox && e.url === inbox.url) ?? [];
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Test inbox</h1>
      <p class="muted">
        A receiver that keeps the last 20 requests sent to it, for trying Caravan before your customers’
        servers exist. Anyone who knows its URL can read what is sent to it: use test data only.
      </p>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      {!inbox ? (
        <Empty title="No inbox yet.">
          Create one, point an endpoint at it, send an event, and watch the signed request arrive here.{' '}
          <button type="button" onClick={() => void createInbox()}>
            Create a test inbox
          </button>
        </Empty>
      ) : (
        <>
          <div class="card">
            <h2>1. Inbox URL</h2>
            <input
              class="secret"
              readOnly
              value={inbox.url}
              aria-label="Inbox URL"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div class="actions">
              <label>
                Answer requests with
                <select
                  value={requests.data?.status ?? 200}
                  onChange={(e) => {
                    const status = Number(e.currentTarget.value);
                    void run(async () => {
                      await inboxCall(`/${inbox.id}/status`, 'PUT', { status });
                      requests.reload();
                    });
                  }}
                >
                  {answers.map(([status, label]) => (
                    <option key={status} value={status}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="secondary" onClick={() => void createInbox()}>
                Start a new inbox
              </button>
            </div>
          </div>
          <div class="card">
            <h2>2. An endpoint that delivers here</h2>
            {created && <SecretOnce secret={created.secret} endpointId={created.id} />}
            {pointing.length > 0 ? (
              <ul class="plain">
                {pointing.map((e) => (
                  <li key={e.id}>
                    <Link to={`/endpoints/${e.id}`}>{e.id}</Link> <Badge value={e.status} /> receives{' '}
                    {e.eventTypes.join(', ')}
                  </li>
                ))}
              </ul>
            ) : (
              <p>
                <button
                  type="button"
                  onClick={() =>
                    void run(async () => {
                      const endpoint = await api.endpoints.create({
                        url: inbox.url,
                        description: 'Test inbox',
                      });
                      setCreated(endpoint);
                      update({ ...inbox, secret: endpoint.secret });
                      endpoints.reload();
                    })
                  }
                >
                  Create an endpoint for this inbox
                </button>
              </p>
            )}
            <label class="field">
              Secret to check signatures with <span class="muted">(whsec_…; kept in this tab only)</span>
              <input
                class="secret"
                type="password"
                autoComplete="off"
                value={inbox.secret ?? ''}
                onChange={(e) => update({ ...inbox, secret: e.currentTarget.value.trim() })}
              />
            </label>
          </div>
          {pointing.length > 0 && <SendEventForm open onSent={() => requests.reload()} />}
          <h2>3. Requests received</h2>
          <Async state={requests} what="the inbox">
            {({ data }) =>
              data.length === 0 ? (
                <Empty title="Nothing received yet.">
                  {pointing.length > 0
                    ? 'Send an event above: the request shows here within seconds.'
                    : 'Create an endpoint for this inbox first.'}
                </Empty>
              ) : (
                <ol class="attempts" aria-label="Requests received">
                  {data.map((r) => (
                    <li key={r.id}>
                      <ReceivedRequest request={r} secret={inbox.secret} />
                    </li>
                  ))}
                </ol>
              )
            }
          </Async>
        </>
      )}
    </section>
  );
}

type Verdict = { ok: boolean; text: string } | null;

function ReceivedRequest({ request, secret }: { request: InboxRequest; secret: string | undefined }) {
  const [verdict, setVerdict] = useState<Verdict>(null);
  useEffect(() => {
    if (!secret) {
      setVerdict(null);
      return;
    }
    // Checked as of when it arrived, so an old request does not fail on its timestamp alone.
    new Webhook(secret, { now: () => new Date(request.receivedAt) })
      .verify(request.body, request.headers)
      .then(
        () => setVerdict({ ok: true, text: 'signature valid' }),
        (failure: unknown) => setVerdict({ ok: false, text: `signature invalid: ${describeError(failure)}` }),
      );
  }, [secret, request.id]);
  return (
    <details class="card request">
      <summary>
        <strong>{request.method}</strong>
        <Time at={new Date(request.receivedAt).toISOString()} />
        {request.headers['webhook-id'] && <code>{request.headers['webhook-id']}</code>}
        <span class={`badge ${request.answeredWith < 300 ? 'ok' : 'warn'}`}>
          answered {request.answeredWith}
        </span>
        {verdict ? (
          <span class={`badge ${verdict.ok ? 'ok' : 'bad'}`}>{verdict.text}</span>
        ) : (
          <span class="badge info">signature not checked: no secret</span>
        )}
      </summary>
      <h3>
        Body ({request.bodyBytes} bytes{request.truncated ? ', cut' : ''})
      </h3>
      <pre class="json" tabIndex={0} aria-label="Request body">
        {request.body}
      </pre>
      <h3>Headers</h3>
      <dl>
        {Object.entries(request.headers).map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
