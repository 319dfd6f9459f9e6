/** Bytes of every benchmark payload (Caravan's and the baseline's), so both sides do the same work. */
export const PAYLOAD_BYTES = 256;

/**
 * A JSON payload of exactly {@link PAYLOAD_BYTES} bytes carrying its tag (which measurement it belongs
 * to), a sequence number and the send time, from which the receiver computes send → receipt latency.
 */
export function benchPayload(tag: string, n: number, sentAt = Date.now()): string {
  const head = `{"tag":"${tag}","n":${n},"sentAt":${sentAt},"pad":"`;
  const padLength = Math.max(0, PAYLOAD_BYTES - head.length - 2);
  return `${head}${'x'.repeat(padLength)}"}`;
}
