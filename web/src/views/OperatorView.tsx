import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Time } from '../ui/format.js';
import { Async, Empty, describeError } from '../ui/states.js';
import { useAsync } from '../ui/useAsync.js';

/**
 * The operator's view (admin key): the installation's tenants, a form to create one, and for each
 * a way into its dashboard, by minting it a tenant API key named "dashboard".
 */
export function OperatorView({ onOpenTenant }: { onOpenTenant: (key: string) => void }) {
  const api = useApi();
  const tenants = useAsync(() => api.tenants.list({ limit: 100 }), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  const open = (tenantId: string) =>
    run(async () => {
      const { key } = await api.apiKeys.create(tenantId, { name: 'dashboard' });
      onOpenTenant(key);
    });
  return (
    <section aria-labelledby="tenants-title">
      <h1 id="tenants-title">Tenants</h1>
      <p class="muted">
        You are signed in with the admin key. A tenant is one API provider sending webhooks to its customers;
        it sees only its own endpoints, events and keys. Opening a tenant creates an API key named “dashboard”
        for it (listed, and revocable, under its API keys).
      </p>
      <form
        class="inline card"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api.tenants.create({ name: name.trim() });
            setName('');
            tenants.reload();
          });
        }}
      >
        <label>
          Tenant name
          <input
            name="name"
            required
            maxLength={200}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          Create tenant
        </button>
      </form>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      <Async state={tenants} what="tenants">
        {({ data }) =>
          data.length === 0 ? (
            <Empty title="No tenants yet.">
              Create the first one above, then open its dashboard to add an endpoint and send an event.
            </Empty>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Id</th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((tenant) => (
                    <tr key={tenant.id}>
                      <td>{tenant.name}</td>
                      <td>
                        <code>{tenant.id}</code>
                      </td>
                      <td>
                        <Time at={tenant.createdAt} />
                      </td>
                      <td>
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={`Open dashboard of ${tenant.name}`}
                          onClick={() => void open(tenant.id)}
                        >
                          Open dashboard
                        </button>
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
