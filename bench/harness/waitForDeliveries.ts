import type { ReceiverClient } from './receiver.js';

/**
 * Waits until the receiver has answered `expected` distinct webhook-ids under `tag`. Fails when nothing
 * new arrived for `stallMs` (a stuck pipeline), not after a fixed total time, since a loaded machine is
 * slow but keeps moving. Resolves with the time the last one arrived.
 */
export async function waitForDeliveries(
  receiver: ReceiverClient,
  tag: string,
  expected: number,
  note: (message: string) => void,
  stallMs = 120_000,
): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  let lastNote = 0;
  for (;;) {
    const { unique } = await receiver.tag(tag, { latencies: false });
    if (unique >= expected) return;
    if (unique !== last) {
      last = unique;
      lastChange = Date.now();
    }
    if (Date.now() - lastNote > 5000) {
      note(`${tag}: ${unique}/${expected} delivered`);
      lastNote = Date.now();
    }
    if (Date.now() - lastChange > stallMs) {
      throw new Error(`${tag}: stuck at ${unique}/${expected} deliveries for ${stallMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** First and last second with arrivals under a tag, and the rate between them. */
export function arrivalSpan(arrivals: Record<string, number>): {
  firstSecond: number;
  lastSecond: number;
  perSecond: number[];
} {
  const seconds = Object.keys(arrivals).map(Number);
  if (seconds.length === 0) return { firstSecond: 0, lastSecond: 0, perSecond: [] };
  const firstSecond = Math.min(...seconds);
  const lastSecond = Math.max(...seconds);
  const perSecond: number[] = [];
  for (let s = firstSecond; s <= lastSecond; s++) perSecond.push(arrivals[String(s)] ?? 0);
  return { firstSecond, lastSecond, perSecond };
}
