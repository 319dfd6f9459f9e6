import type { Installation } from './installation.js';
import type { ReceiverClient } from './receiver.js';

/** Calls Caravan's public API as a user would; any non-2xx answer throws with the problem document. */
export async function callApi(
  apiUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

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
  const admin = (method: string, path: string, body?: unknown) =>
    callApi(caravan.apiUrl, caravan.adminKey, method, path, body);
  const tenant = await admin('POST', '/v1/tenants', { name: `bench ${options.label}` });
  const key = (await admin('POST', `/v1/tenants/${tenant.id}/api-keys`, {})).key as string;
  const endpoints: BenchTenant['endpoints'] = [];
  const secrets: Record<string, string> = {};
  for (let i = 0; i < options.endpoints; i++) {
    const path = `/${options.label}/${i}`;
    const created = await callApi(caravan.apiUrl, key, 'POST', '/v1/endpoints', {
      url: `${receiver.origin}${path}`,
      eventTypes: options.eventTypes(i),
      ...options.endpointFields,
    });
    endpoints.push({ id: created.id as string, path });
    secrets[path] = created.secret as string;
  }
  await receiver.registerSecrets(secrets);
  return { id: tenant.id as string, key, endpoints };
}
