import { caravanClient } from '../../tests/support/caravanClient.js';
import type { Installation } from './installation.js';
import type { ReceiverClient } from './receiver.js';

export interface BenchTenant {
  id: string;
  key: string;
  endpoints: { id: string; path: string }[];
}

/**
 * A tenant with an API key and `endpoints` endpoints on the receiver (`/<label>/<i>`), each subscribed
 * to the event types `eventTypes(i)`; their secrets are registered with the receiver so it verifies
 * every request.
 */
export async function createBenchTenant(
  caravan: Installation,
  receiver: ReceiverClient,
  options: {
    label: string;
    endpoints: number;
    eventTypes: (i: number) => string[];
    endpointFields?: Record<string, unknown>;
  },
): Promise<BenchTenant> {
  const admin = caravanClient(caravan.apiUrl, caravan.adminKey);
  const tenant = await admin.tenants.create({ name: `bench ${options.label}` });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(caravan.apiUrl, key);
  const endpoints: BenchTenant['endpoints'] = [];
  const secrets: Record<string, string> = {};
  for (let i = 0; i < options.endpoints; i++) {
    const path = `/${options.label}/${i}`;
    const created = await api.endpoints.create({
      url: `${receiver.origin}${path}`,
      eventTypes: options.eventTypes(i),
      ...options.endpointFields,
    });
    endpoints.push({ id: created.id, path });
    secrets[path] = created.secret;
  }
  await receiver.registerSecrets(secrets);
  return { id: tenant.id, key, endpoints };
}
