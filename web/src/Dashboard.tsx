import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import {
  clientFor,
  forgetAll,
  forgetKey,
  storeAdminKey,
  storedAdminKey,
  storedKey,
  storeKey,
} from './session.js';
import { SignIn } from './SignIn.js';
import { ApiContext } from './ui/api.js';
import { useRoute } from './ui/router.js';
import { ApiKeysView } from './views/ApiKeysView.js';
import { InboxView } from './views/InboxView.js';
import { OperatorView } from './views/OperatorView.js';
import { DeliveriesView } from './views/DeliveriesView.js';
import { DeliveryDetail } from './views/DeliveryDetail.js';
import { EndpointDetail } from './views/EndpointDetail.js';
import { EndpointsView } from './views/EndpointsView.js';
import { EventDetail } from './views/EventDetail.js';
import { EventsView } from './views/EventsView.js';
import { EventTypesView } from './views/EventTypesView.js';
import { OverviewView } from './views/OverviewView.js';
import { SourceDetail } from './views/SourceDetail.js';
import { SourcesView } from './views/SourcesView.js';

const sections = [
  ['overview', 'Overview'],
  ['endpoints', 'Endpoints'],
  ['events', 'Events'],
  ['deliveries', 'Deliveries'],
  ['sources', 'Sources'],
  ['event-types', 'Event types'],
  ['api-keys', 'API keys'],
  ['inbox', 'Test inbox'],
] as const;

/**
 * The dashboard: sign-in, then the operator's tenant list (admin key) or a tenant's views, one per
 * section of the hash route (tenant key). An operator who opens a tenant keeps the admin key and can
 * go back to the tenant list.
 */
export function Dashboard() {
  const [apiKey, setApiKey] = useState(storedKey());
  const [adminKey, setAdminKey] = useState(storedAdminKey());
  const api = useMemo(() => (apiKey ? clientFor(apiKey) : null), [apiKey]);
  const admin = useMemo(() => (adminKey ? clientFor(adminKey) : null), [adminKey]);
  const [section = 'overview', id] = useRoute();
  const signOut = () => {
    forgetAll();
    setApiKey(null);
    setAdminKey(null);
  };
  const openTenant = (key: string) => {
    storeKey(key);
    setApiKey(key);
    location.hash = '#/overview';
  };
  if (!api && admin) {
    return (
      <ApiContext.Provider value={admin}>
        <Shell
          label="Operator"
          signOut={signOut}
          nav={
            <a href="#/tenants" aria-current="page">
              Tenants
            </a>
          }
        >
          <OperatorView onOpenTenant={openTenant} />
        </Shell>
      </ApiContext.Provider>
    );
  }
  if (!api) {
    return (
      <SignIn
        onSignedIn={({ kind, key }) => {
          if (kind === 'admin') {
            storeAdminKey(key);
            setAdminKey(key);
            location.hash = '#/tenants';
          } else openTenant(key);
        }}
      />
    );
  }
  const backToOperator = () => {
    forgetKey();
    setApiKey(null);
    location.hash = '#/tenants';
  };
  return (
    <ApiContext.Provider value={api}>
      <Shell
        label="Sections"
        signOut={signOut}
        nav={
          <>
            {sections.map(([path, label]) => (
              <a key={path} href={`#/${path}`} aria-current={section === path ? 'page' : undefined}>
                {label}
              </a>
            ))}
          </>
        }
        extra={
          admin && (
            <button type="button" class="link" onClick={backToOperator}>
              All tenants
            </button>
          )
        }
      >
        <View section={section} id={id} apiKey={apiKey ?? ''} />
      </Shell>
    </ApiContext.Provider>
  );
}

function Shell({
  label,
  nav,
  extra,
  signOut,
  children,
}: {
  label: string;
  nav: ComponentChildren;
  extra?: ComponentChildren;
  signOut: () => void;
  children: ComponentChildren;
}) {
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Caravan</span>
        <nav aria-label={label}>{nav}</nav>
        {extra}
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function View({ section, id, apiKey }: { section: string; id: string | undefined; apiKey: string }) {
  switch (section) {
    case 'endpoints':
      return id ? <EndpointDetail id={id} /> : <EndpointsView />;
    case 'events':
      return id ? <EventDetail id={id} /> : <EventsView />;
    case 'deliveries':
      return id ? <DeliveryDetail id={id} /> : <DeliveriesView />;
    case 'sources':
      return id ? <SourceDetail id={id} /> : <SourcesView />;
    case 'event-types':
      return <EventTypesView />;
    case 'api-keys':
      return <ApiKeysView signedInWith={apiKey} />;
    case 'inbox':
      return <InboxView />;
    default:
      return <OverviewView />;
  }
}
