import { useState } from 'preact/hooks';
import type { ApiKey, ApiKeyCreated } from '@caravan/client';
import { useApi } from '../ui/api.js';
import { Badge, Time } from '../ui/format.js';
import { Async, Empty, describeError } from '../ui/states.js';
import { useAsync } from '../ui/useAsync.js';

/**
 * The tenant's API keys: create one (shown once), revoke one. The key this tab signed in with is
 * marked and cannot be revoked here (the API refuses a key revoking itself, so a tenant never locks
 * itself out): sign in with another key to revoke it.
 */
export function ApiKeysView({ signedInWith }: { signedInWith: string }) {
  const api = useApi();
  const keys = useAsync(() => api.tenant.listApiKeys({ limit: 100 }), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const own = (key: ApiKey) => signedInWith.startsWith(key.prefix);
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p class="muted">
        Your services send events and manage endpoints with these keys. To rotate a key: create a new one,
        deploy it, then revoke the old one.
      </p>
      <form
        class="inline card"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            setCreated(await api.tenant.createApiKey(name.trim() ? { name: name.trim() } : {}));
            setName('');
            keys.reload();
          });
        }}
      >
        <label>
          Key name <span class="muted">(where it is used)</span>
          <input name="name" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit">Create API key</button>
      </form>
      {created && (
        <div class="notice" role="status">
          <p>
            New key <code>{created.prefix}…</code>, shown only now: copy it to where it is used.
          </p>
          <input
            class="secret"
            readOnly
            value={created.key}
            aria-label="New API key"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      <Async state={keys} what="API keys">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No API keys.">Create one above.</Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Key</th>
                    <th scope="col">Name</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((key) => (
                    <tr key={key.id}>
                      <td>
                        <code>{key.prefix}…</code> {own(key) && <Badge value="this session" />}
                      </td>
                      <td>{key.name ?? '—'}</td>
                      <td>
                        <Time at={key.createdAt} />
                      </td>
                      <td>
                        <Time at={key.lastUsedAt} />
                      </td>
                      <td>
                        <Time at={key.expiresAt} />
                      </td>
                      <td>
                        {own(key) ? (
                          <span class="muted">sign in with another key to revoke it</span>
                        ) : confirming === key.id ? (
                          <span class="actions">
                            <button
                              type="button"
                              class="danger"
                              onClick={() =>
                                void run(async () => {
                                  await api.tenant.revokeApiKey(key.id);
                                  setConfirming(null);
                                  keys.reload();
                                })
                              }
                            >
                              Revoke now
                            </button>
                            <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                              Keep
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            class="secondary"
                            aria-label={`Revoke ${key.prefix}`}
                            onClick={() => setConfirming(key.id)}
                          >
                            Revoke
                          </button>
                        )}
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
