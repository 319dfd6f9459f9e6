import { useState } from 'preact/hooks';
import { useApi } from '../ui/api.js';
import { describeError } from '../ui/states.js';

/** Mints a one-hour customer portal link for an owner, to open or hand to that customer. */
export function PortalLink({ ownerId }: { ownerId: string }) {
  const api = useApi();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mint = async () => {
    setError(null);
    try {
      const { token } = await api.tenant.createPortalToken({ ownerId, ttlSeconds: 3600 });
      setLink(`${location.origin}/portal#token=${token}`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <div class="card">
      <h2>Customer portal</h2>
      <p>
        A link, valid for one hour, where <strong>{ownerId}</strong> manages only their own endpoints and sees
        their deliveries.
      </p>
      <button type="button" onClick={() => void mint()}>
        Create portal link
      </button>
      {error && (
        <p class="state error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <p>
          <input
            class="secret"
            readOnly
            value={link}
            aria-label="Portal link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <a href={link} target="_blank" rel="noreferrer">
            Open the portal
          </a>
        </p>
      )}
    </div>
  );
}
