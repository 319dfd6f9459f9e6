import { CaravanApiError, CaravanConnectionError, CaravanTimeoutError } from './errors.js';
import { ownDuplicatesAsNew, withIngestKeys } from './ingestKeys.js';
import { PagePromise } from './PagePromise.js';
import { backoffMs, isRetriable, MAX_RETRY_AFTER_MS, retryAfterMs, sleep } from './retry.js';
import type { OperationCall, Page, RequestOptions } from './types.js';

export interface HttpClientConfig {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  /** First backoff step; later ones double, with jitter. */
  retryBaseDelayMs: number;
  fetch: typeof fetch;
}

/**
 * Sends operation calls with the key, a per-attempt timeout and retries. Every retry of one call sends
 * the same idempotency key, so a `POST` whose first answer was lost never acts twice.
 */
export class HttpClient {
  private readonly baseUrl: string;

  constructor(private readonly config: HttpClientConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
  }

  async request<T>(call: OperationCall, options: RequestOptions = {}): Promise<T> {
    const generatedKey = options.idempotencyKey === undefined;
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.config.apiKey}`,
      accept: 'application/json',
    };
    if (call.idempotencyHeader) headers['idempotency-key'] = key;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(withIngestKeys(call, key));
    }
    const url = this.baseUrl + call.path + queryString(call.query);
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.attempt(call.method, url, headers, body, options);
        return (attempt > 0 && generatedKey ? ownDuplicatesAsNew(call, result) : result) as T;
      } catch (error) {
        const wait = this.retryDelay(error, attempt, maxRetries);
        if (wait === undefined) throw error;
        await sleep(wait, options.signal);
      }
    }
  }

  paginate<T>(call: OperationCall, query: object | undefined, options?: RequestOptions): PagePromise<T> {
    const { cursor, ...filters } = (query ?? {}) as { cursor?: string };
    return new PagePromise<T>(
      (next) =>
        this.request<Page<T>>(
          { ...call, query: next === undefined ? filters : { ...filters, cursor: next } },
          options,
        ),
      cursor,
    );
  }

  private retryDelay(error: unknown, attempt: number, maxRetries: number): number | undefined {
    if (attempt >= maxRetries || !isRetriable(error)) return undefined;
    const asked = error instanceof CaravanApiError ? retryAfterMs(error.headers) : undefined;
    if (asked !== undefined) return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
    return backoffMs(attempt, this.config.retryBaseDelayMs);
  }

  private async attempt(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    options: RequestOptions,
  ): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await this.config.fetch(url, {
        method,
        headers,
        signal,
        ...(body === undefined ? {} : { body }),
      });
      text = await res.text();
    } catch (error) {
      // The caller's own abort is not a failure to retry: it ends the call with the caller's reason.
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted)
        throw new CaravanTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { cause: error });
      throw new CaravanConnectionError(`${method} ${url} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const parsed = parseJson(text);
    if (!res.ok) throw new CaravanApiError(res.status, parsed, res.headers);
    return parsed;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function queryString(query: object | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value])
      params.append(name, v instanceof Date ? v.toISOString() : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
