import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { Time } from '../ui/format.js';
import { Async, describeError } from '../ui/states.js';
import { useAsync } from '../ui/useAsync.js';
import { SecretOnce } from './SecretOnce.js';

const graceChoices = [
  [0, 'none (retire the old secret now)'],
  [3600, '1 hour'],
  [86_400, '24 hours'],
  [604_800, '7 days'],
] as const;

/** An endpoint's live secrets and zero-downtime rotation with a grace period. */
export function SecretsPanel({ endpointId }: { endpointId: string }) {
  const api = useApi();
  const secrets = useAsync(() => api.endpoints.listSecrets(endpointId), [endpointId]);
  const [grace, setGrace] = useState(86_400);
  const [rotated, setRotated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rotate = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await api.endpoints.rotateSecret(endpointId, { gracePeriodSeconds: grace });
      setRotated(result.secret);
      secrets.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <div class="card">
      <h2>Signing secrets</h2>
      <Async state={secrets} what="secrets">
        {({ data }) => (
          <ul class="plain">
            {data.map((s) => (
              <li key={s.id}>
                <code>{s.id}</code> {s.current ? <strong>current</strong> : <span>previous</span>}, created{' '}
                <Time at={s.createdAt} />
                {s.expiresAt && (
                  <>
                    , signs until <Time at={s.expiresAt} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
      <form class="inline" onSubmit={(e) => void rotate(e)}>
        <label>
          Old secret keeps signing for
          <select value={grace} onChange={(e) => setGrace(Number(e.currentTarget.value))}>
            {graceChoices.map(([seconds, label]) => (
              <option key={seconds} value={seconds}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Rotate secret</button>
      </form>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      {rotated && <SecretOnce secret={rotated} endpointId={endpointId} />}
    </div>
  );
}
