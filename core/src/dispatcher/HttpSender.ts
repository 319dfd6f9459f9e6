import { isIP, type BlockList } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import type { Clock } from '../domain/Clock.js';
import { classifyAddress, createAddressAllowlist, type HostResolver } from '../domain/urlGuard.js';
import { UrlNotAllowedError } from '../errors/index.js';
import { checkedProxyTarget, isConnectFailure } from './egress/proxyTarget.js';
import { guardedLookup, type ConnectLookup } from './guardedLookup.js';
import { systemResolver } from './systemResolver.js';
import type {
  AttemptErrorCode,
  EgressRoute,
  SendRequest,
  SendResult,
  WebhookSender,
} from './WebhookSender.js';

/** Bytes of the response body kept as the attempt's excerpt (the contract's `responseBodyExcerpt`). */
export const EXCERPT_BYTES = 4096;

export interface HttpSenderOptions {
  /** The operator's `ssrf.allowedCidrs`: private destinations admitted despite the SSRF guard. */
  allowedCidrs: readonly string[];
  clock: Clock;
  /** Host name resolution; the operating system's by default. */
  resolve?: HostResolver;
  /**
   * Response body bytes read before the connection is dropped instead (default 64 KiB). Reading a short
   * body to its end keeps the connection reusable; a huge one is not worth the bandwidth.
   */
  maxBodyBytes?: number;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO$|HOSTNAME_MISMATCH)/;

/**
 * Sends webhooks with undici over keep-alive connection pools. Redirects are not followed (a 3xx is a
 * failed attempt), the whole exchange has one deadline, and only the first {@link EXCERPT_BYTES} of the
 * body are kept. The SSRF guard runs when a connection is made, on the very addresses it connects to;
 * through a forward proxy it runs before the CONNECT (see {@link checkedProxyTarget}). With an egress
 * pool, a route that cannot connect hands the request to the next route.
 */
export class HttpSender implements WebhookSender {
  readonly #allowlist: BlockList;
  readonly #lookup: ConnectLookup;
  readonly #resolve: HostResolver;
  readonly #agent: Agent;
  readonly #clock: Clock;
  readonly #maxBodyBytes: number;

  constructor(options: HttpSenderOptions) {
    this.#allowlist = createAddressAllowlist(options.allowedCidrs);
    this.#resolve = options.resolve ?? systemResolver;
    this.#lookup = guardedLookup(this.#allowlist, this.#resolve);
    this.#agent = new Agent({ connect: this.connectOptions() });
    this.#clock = options.clock;
    this.#maxBodyBytes = Math.max(EXCERPT_BYTES, options.maxBodyBytes ?? 65_536);
  }

  /**
   * Connect options every agent that sends webhooks must be built with (egress pools' `bind` agents
   * too), so that the SSRF guard checks each connection's addresses.
   */
  connectOptions(): { lookup: ConnectLookup } {
    return { lookup: this.#lookup };
  }

  async send(req: SendRequest): Promise<SendResult> {
    const startedAt = this.#clock.now();
    const t0 = performance.now();
    let egressAddress: string | null = null;
    const result = (
      statusCode: number | null,
      responseHeaders: Record<string, string> | null,
      excerpt: string | null,
      error: SendResult['error'],
    ): SendResult => ({
      startedAt,
      durationMs: Math.max(0, Math.round(performance.now() - t0)),
      statusCode,
      responseHeaders,
      responseBodyExcerpt: excerpt,
      error,
      egressAddress,
    });

    const refusal = this.#refuseLiteral(req.url);
    if (refusal) return result(null, null, null, { code: 'address_not_allowed', message: refusal });

    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new Error(`no complete answer within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    let statusCode: number | null = null;
    let headers: Record<string, string> | null = null;
    const routes = req.egress?.routes ?? [];
    try {
      for (let i = 0; ; i++) {
        const route = routes[i];
        egressAddress = route?.address ?? null;
        try {
          const response = await this.#request(req, route, deadline.signal);
          statusCode = response.statusCode;
          headers = flattenHeaders(response.headers);
          const excerpt = await this.#readExcerpt(response.body);
          const ok = statusCode >= 200 && statusCode <= 299;
          const redirect = statusCode >= 300 && statusCode <= 399 ? ' (redirects are not followed)' : '';
          return result(
            statusCode,
            headers,
            excerpt,
            ok ? null : { code: 'non_2xx_status', message: `HTTP ${statusCode}${redirect}` },
          );
        } catch (error) {
          // Nothing reached the receiver through this route: the next one sends the same request.
          if (!timedOut && statusCode === null && i + 1 < routes.length && isConnectFailure(error)) continue;
          throw error;
        }
      }
    } catch (error) {
      const code: AttemptErrorCode = timedOut ? 'timeout' : classifyError(error);
      const message =
        code === 'timeout'
          ? `no complete answer within ${req.timeoutMs} ms`
          : describeError(error).slice(0, 500);
      return result(statusCode, headers, null, { code, message });
    } finally {
      clearTimeout(timer);
    }
  }

  async #request(req: SendRequest, route: EgressRoute | undefined, signal: AbortSignal) {
    const target = route?.viaProxy
      ? await checkedProxyTarget(req.url, this.#allowlist, this.#resolve)
      : undefined;
    return request(target?.url ?? req.url, {
      method: 'POST',
      headers: target ? { ...req.headers, host: target.host } : { ...req.headers },
      body: req.body,
      dispatcher: route?.dispatcher ?? this.#agent,
      signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  // net.connect does not call `lookup` for an IP literal, so those are checked here.
  #refuseLiteral(url: string): string | undefined {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      return undefined; // undici reports the malformed URL
    }
    if (!isIP(host)) return undefined;
    const verdict = classifyAddress(host, this.#allowlist);
    return verdict.allowed
      ? undefined
      : `${verdict.address} is ${verdict.category}, which the SSRF guard refuses`;
  }

  // Keeps the first EXCERPT_BYTES and stops at maxBodyBytes: a 10 MB answer is never buffered.
  async #readExcerpt(body: Readable & Dispatcher.ResponseData['body']): Promise<string | null> {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let total = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (keptBytes < EXCERPT_BYTES) {
        const part = chunk.subarray(0, EXCERPT_BYTES - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (total >= this.#maxBodyBytes) break; // leaving the loop destroys the body and its connection
    }
    return total === 0 ? null : Buffer.concat(kept).toString('utf8');
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The attempt error code of a failure to get an answer, looking through wrapped causes. */
export function classifyError(error: unknown): AttemptErrorCode {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UrlNotAllowedError) return 'address_not_allowed';
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (DNS_CODES.has(code)) return 'dns_failed';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (TLS_CODES.test(code)) return 'tls_failed';
  }
  return 'connection_failed';
}

function describeError(error: unknown): string {
  if (error instanceof UrlNotAllowedError) return error.errors[0]?.message ?? error.message;
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  return typeof e.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
