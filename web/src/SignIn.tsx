import { useState } from 'preact/hooks';
import { clientFor } from './session.js';
import { describeError } from './ui/states.js';

/** Sign-in with a tenant API key: checked against `GET /v1/tenant` before it is kept. */
export function SignIn({ onSignedIn }: { onSignedIn: (apiKey: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await clientFor(key.trim()).tenant.get();
      onSignedIn(key.trim());
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
        <label for="api-key">Tenant API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p id="signin-help" class="muted">
          A key that starts with <code>ck_</code>. It stays in this tab only and is forgotten when the tab
          closes. An operator creates keys with the admin key (see the README).
        </p>
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
