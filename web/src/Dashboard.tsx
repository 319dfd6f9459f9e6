import { useMemo, useState } from 'preact/hooks';
import { clientFor, forgetKey, storedKey, storeKey } from './session.js';
import { SignIn } from './SignIn.js';
import { ApiContext } from './ui/api.js';
import { useRoute } from './ui/router.js';
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
] as const;

/** The tenant dashboard: sign-in, then one view per section of the hash route. */
export function Dashboard() {
  const [apiKey, setApiKey] = useState(storedKey());
  const api = useMemo(() => (apiKey ? clientFor(apiKey) : null), [apiKey]);
  const [section = 'overview', id] = useRoute();
  if (!api) {
    return (
      <SignIn
        onSignedIn={(key) => {
          storeKey(key);
          setApiKey(key);
        }}
      />
    );
  }
  const signOut = () => {
    forgetKey();
    setApiKey(null);
  };
  return (
    <ApiContext.Provider value={api}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Caravan</span>
        <nav aria-label="Sections">
          {sections.map(([path, label]) => (
            <a key={path} href={`#/${path}`} aria-current={section === path ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <View section={section} id={id} />
      </main>
    </ApiContext.Provider>
  );
}

function View({ section, id }: { section: string; id: string | undefined }) {
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
    default:
      return <OverviewView />;
  }
}
