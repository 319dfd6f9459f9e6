import { useMemo, useState } from 'preact/hooks';
import { clientFor } from './session.js';
import { ApiContext } from './ui/api.js';
import { ModeContext } from './ui/mode.js';
import { useRoute } from './ui/router.js';
import { DeliveriesView } from './views/DeliveriesView.js';
import { DeliveryDetail } from './views/DeliveryDetail.js';
import { EndpointDetail } from './views/EndpointDetail.js';
import { EndpointsView } from './views/EndpointsView.js';

const TOKEN = 'caravan.portal.token';

/**
 * The token arrives in the URL fragment (`/portal#token=cpt_…`), which browsers never send to a server;
 * it moves to this tab's sessionStorage and leaves the address bar at once.
 */
function takeToken(): string | null {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN, decodeURIComponent(match[1]!));
    history.replaceState(null, '', `${location.pathname}#/endpoints`);
  }
  return sessionStorage.getItem(TOKEN);
}

/** The customer portal: one owner's endpoints, their secrets, deliveries (per endpoint and across them), attempts and recovery. */
export function Portal() {
  const [token] = useState(takeToken);
  const api = useMemo(() => (token ? clientFor(token) : null), [token]);
  const [section = 'endpoints', id] = useRoute();
  if (!api) {
    return (
      <main class="signin">
        <h1>Webhooks</h1>
        <p role="alert">
          This page needs a portal link from your provider (it ends in <code>#token=…</code>). Links expire:
          ask them for a new one.
        </p>
      </main>
    );
  }
  return (
    <ModeContext.Provider value="portal">
      <ApiContext.Provider value={api}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">Webhooks</span>
          <nav aria-label="Sections">
            <a href="#/endpoints" aria-current={section === 'endpoints' ? 'page' : undefined}>
              Endpoints
            </a>
            <a href="#/deliveries" aria-current={section === 'deliveries' ? 'page' : undefined}>
              Deliveries
            </a>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {section === 'deliveries' && id ? (
            <DeliveryDetail id={id} />
          ) : section === 'deliveries' ? (
            <DeliveriesView />
          ) : id ? (
            <EndpointDetail id={id} />
          ) : (
            <EndpointsView />
          )}
        </main>
      </ApiContext.Provider>
    </ModeContext.Provider>
  );
}
