import { Caravan } from '@caravan/client';

/**
 * The API as a tenant's program calls it, through the SDK. Without retries: a test or a benchmark
 * sees the first failure instead of a retried success.
 */
export function caravanClient(baseUrl: string, apiKey: string): Caravan {
  return new Caravan({ baseUrl, apiKey, maxRetries: 0 });
}
