import { createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { PAYLOAD_BYTES, benchPayload } from './payload.js';
import type { ReceiverClient } from './receiver.js';
import type { BaselineResult } from './types.js';

/** The dispatcher's default bound on requests in flight (`createDispatcher`), used for the baseline too. */
export const DISPATCH_CONCURRENCY = 200;

/**
 * The machine's own limit for this receiver: a bare undici client sending Standard Webhooks-signed POSTs
 * of the same size, with the same concurrency, to the same receiver process, for `seconds`.
 */
export async function measureBaseline(
  receiver: ReceiverClient,
  seconds: number,
  concurrency = DISPATCH_CONCURRENCY,
): Promise<BaselineResult> {
  const secret = randomBytes(32);
  await receiver.registerSecrets({ '/baseline': `whsec_${secret.toString('base64')}` });
  const pool = new Pool(receiver.origin, { connections: concurrency });
  let n = 0;
  let done = 0;
  let deadline = performance.now() + Math.min(1, seconds) * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const id = `msg_baseline_${n}`;
      const body = benchPayload('baseline', n++);
      const timestamp = Math.floor(Date.now() / 1000).toString();
      const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
      const res = await pool.request({
        path: '/baseline',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': `v1,${signature}`,
        },
        body,
      });
      await res.body.dump();
      if (res.statusCode < 300) done++;
    }
  };
  // A warm-up second, not counted: opens the connections and warms both sides' code, as the dispatcher's
  // connections and code are warm by the time its figures are taken.
  await Promise.all(Array.from({ length: concurrency }, worker));
  done = 0;
  const started = performance.now();
  deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return {
    requestsPerSecond: Math.round(done / elapsed),
    requests: done,
    concurrency,
    payloadBytes: PAYLOAD_BYTES,
    seconds: Number(elapsed.toFixed(2)),
  };
}
