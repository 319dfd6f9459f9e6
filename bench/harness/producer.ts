import { Pool } from 'undici';
import { benchPayload } from './payload.js';

export interface ProducerResult {
  events: number;
  requests: number;
  seconds: number;
  /** Latency of each accepted ingest request (202), in ms. */
  latencies: number[];
  eventsPerSecond: number;
}

interface Target {
  apiUrl: string;
  key: string;
  tag: string;
  /** Event type of the n-th event. */
  eventType: (n: number) => string;
}

function pool(apiUrl: string, connections: number) {
  return new Pool(apiUrl, { connections });
}

// The load generator posts prebuilt JSON over an undici pool it sizes, and times each request: the
// SDK's retries and per-call encoding would blur the ingest latency this measures.
async function post(p: Pool, key: string, path: string, body: string, what: string): Promise<number> {
  const started = performance.now();
  const res = await p.request({
    path,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.body.text();
  if (res.statusCode !== 202) throw new Error(`${what} answered ${res.statusCode}: ${text}`);
  return performance.now() - started;
}

/**
 * Sends `total` events as fast as Caravan accepts them, in batches (`POST /v1/events/batch`) with
 * `inFlight` requests outstanding. Each payload carries its send time.
 */
export async function sendBatches(
  target: Target,
  total: number,
  options: { batchSize: number; inFlight: number; offset?: number },
): Promise<ProducerResult> {
  const p = pool(target.apiUrl, options.inFlight);
  const latencies: number[] = [];
  let next = 0;
  let requests = 0;
  const offset = options.offset ?? 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const from = next;
      const count = Math.min(options.batchSize, total - from);
      next += count;
      const sentAt = Date.now();
      const events = Array.from({ length: count }, (_, j) => {
        const n = offset + from + j;
        return `{"eventType":"${target.eventType(n)}","idempotencyKey":"${target.tag}-${n}","payload":${benchPayload(target.tag, n, sentAt)}}`;
      });
      latencies.push(
        await post(p, target.key, '/v1/events/batch', `{"events":[${events.join(',')}]}`, 'batch ingest'),
      );
      requests++;
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  await p.close();
  return { events: total, requests, seconds, latencies, eventsPerSecond: Math.round(total / seconds) };
}

/**
 * Sends events at a steady `perSecond` for `seconds`, open loop (a slow answer does not slow the sending
 * down, as with real producers): one `POST /v1/events` each, or with `batchSize` > 1 one
 * `POST /v1/events/batch` per `batchSize` events. Returns each request's latency.
 */
export async function sendPaced(
  target: Target,
  perSecond: number,
  seconds: number,
  offset = 0,
  batchSize = 1,
): Promise<ProducerResult> {
  const p = pool(target.apiUrl, 64);
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const total = Math.round(perSecond * seconds);
  const tickMs = 10;
  const started = performance.now();
  let sent = 0;
  let failure: Error | undefined;
  while (sent < total && failure === undefined) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
    for (; sent + batchSize <= due || (sent < due && due === total); sent += batchSize) {
      const count = Math.min(batchSize, total - sent);
      const events = Array.from({ length: count }, (_, j) => {
        const n = offset + sent + j;
        return `{"eventType":"${target.eventType(n)}","idempotencyKey":"${target.tag}-${n}","payload":${benchPayload(target.tag, n)}}`;
      });
      const request = (
        batchSize === 1
          ? post(p, target.key, '/v1/events', events[0]!, 'ingest')
          : post(p, target.key, '/v1/events/batch', `{"events":[${events.join(',')}]}`, 'batch ingest')
      )
        .then((ms) => void latencies.push(ms))
        .catch(
          (error: unknown) => void (failure ??= error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  const elapsed = (performance.now() - started) / 1000;
  await p.close();
  return {
    events: total,
    requests: latencies.length,
    seconds: elapsed,
    latencies,
    eventsPerSecond: Math.round(total / elapsed),
  };
}
