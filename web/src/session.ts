import { Caravan } from '@caravan/client';

const KEY = 'caravan.dashboard.apiKey';
const ADMIN_KEY = 'caravan.dashboard.adminKey';

/**
 * The keys of this tab, kept in sessionStorage: gone when the tab closes, never in a URL. The admin key
 * is kept apart from the tenant key so an operator can open a tenant's dashboard and come back.
 */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(apiKey: string): void {
  sessionStorage.setItem(KEY, apiKey);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}

export function storedAdminKey(): string | null {
  return sessionStorage.getItem(ADMIN_KEY);
}

export function storeAdminKey(adminKey: string): void {
  sessionStorage.setItem(ADMIN_KEY, adminKey);
}

/** Signs out of everything this tab holds. */
export function forgetAll(): void {
  sessionStorage.clear();
}

/** A client on the API of the origin that served the page; one retry, so errors show quickly. */
export function clientFor(apiKey: string): Caravan {
  return new Caravan({ apiKey, baseUrl: location.origin, maxRetries: 1, timeoutMs: 15_000 });
}
