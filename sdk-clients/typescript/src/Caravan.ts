import { HttpClient } from './core/HttpClient.js';
import { CaravanResources } from './generated/resources.js';

/** How a `Caravan` client reaches the API. */
export interface CaravanOptions {
  /** A tenant API key (`ck_live_…`), or the operator's admin key for the admin operations. */
  apiKey: string;
  /** Where Caravan serves its API, e.g. `https://caravan.example.com` (without `/v1`). */
  baseUrl: string;
  /** Time limit of each attempt. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx, a timeout or a network error. Default 2. */
  maxRetries?: number;
  /** First backoff step between retries when the answer has no `Retry-After`. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** A `fetch` implementation; default the global one (Node 20, browsers). */
  fetch?: typeof fetch;
}

/**
 * The Caravan API client: one property per resource group (`endpoints`, `events`, `deliveries`, …) and
 * one method per operation of the API.
 *
 * @example
 * const caravan = new Caravan({ apiKey: process.env.CARAVAN_API_KEY!, baseUrl: 'http://127.0.0.1:8080' });
 * const { id } = await caravan.events.send({ eventType: 'invoice.paid', payload: { invoiceId: 'in_1' } });
 */
export class Caravan extends CaravanResources {
  constructor(options: CaravanOptions) {
    const problem = invalidOption(options);
    if (problem) throw new TypeError(`new Caravan(): ${problem}`);
    super(
      new HttpClient({
        apiKey: options.apiKey,
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs ?? 30_000,
        maxRetries: options.maxRetries ?? 2,
        retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
        fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      }),
    );
  }
}

function invalidOption(options: CaravanOptions): string | undefined {
  if (typeof options?.apiKey !== 'string' || options.apiKey === '')
    return '`apiKey` must be a non-empty string';
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl))
    return '`baseUrl` must be an http(s) URL';
  for (const name of ['timeoutMs', 'maxRetries', 'retryBaseDelayMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      return `\`${name}\` must be a non-negative integer`;
  }
  return undefined;
}
