import { useState } from 'preact/hooks';
import { CaravanApiError } from '@caravan/client';
import { clientFor } from './session.js';
import { describeError } from './ui/states.js';

export type SignedIn = { kind: 'tenant' | 'admin'; key: string };

/**
 * Sign-in with a tenant API key or the operator's admin key. A tenant key is checked against
 * `GET /v1/tenant`; the admin key answers that with 403, and is then checked against `GET /v1/tenants`.
 */
async function identify(key: string): Promise<SignedIn> {
  try {
    await clientFor(key).tenant.get();
    return { kind: 'tenant', key };
  } catch (failure) {
    if (!(failure instanceof CaravanApiError && failure.code === 'CARAVAN_FORBIDDEN')) throw failure;
    await clientFor(key).tenants.list({ limit: 1 });
    return { kind: 'admin', key };
  }
}

export function SignIn({ onSignedIn }: { onSignedIn: (signedIn: SignedIn) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await identify(key.trim()));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>Caravan</h1>
      <form onSubmit={(e) => void submit(e)} aria-describedby="signin-help">
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <div id="signin-help" class="muted">
          <p>
            A tenant API key (<code>ck_live_…</code>) opens that tenant's dashboard. The operator's admin key
            opens the tenant list, where you create a tenant and open its dashboard; <code>caravan dev</code>{' '}
            prints it at first start and keeps it in <code>.caravan/dev-secrets.json</code>.
          </p>
          <p>The key stays in this tab only and is forgotten when the tab closes.</p>
        </div>
        {error && (
          <p class="state error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
