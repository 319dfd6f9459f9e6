import { Caravan } from '@caravan/client';

const KEY = 'caravan.dashboard.apiKey';

/** The tenant API key of this tab, kept in sessionStorage: gone when the tab closes, never in a URL. */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(apiKey: string): void {
  sessionStorage.setItem(KEY, apiKey);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}

/** A client on the API of the origin that served the page; one retry, so errors show quickly. */
export function clientFor(apiKey: string): Caravan {
  return new Caravan({ apiKey, baseUrl: location.origin, maxRetries: 1, timeoutMs: 15_000 });
}
