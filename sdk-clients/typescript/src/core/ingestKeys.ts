import type { OperationCall } from './types.js';

interface IngestEvent {
  idempotencyKey?: string;
}

interface IngestResult {
  id: string;
  duplicate: boolean;
}

// A key this call generated is unique to it, so `duplicate: true` on a retry means an earlier attempt
// of this same call was accepted (its answer was lost): for the caller, the event is new.
export function ownDuplicatesAsNew(call: OperationCall, result: unknown): unknown {
  if (call.bodyKey === 'event') return { ...(result as IngestResult), duplicate: false };
  if (call.bodyKey === 'batch') {
    const events = (call.body as { events: IngestEvent[] }).events;
    const { data } = result as { data: IngestResult[] };
    return {
      ...(result as object),
      data: data.map((r, i) => (events[i]?.idempotencyKey === undefined ? { ...r, duplicate: false } : r)),
    };
  }
  return result;
}

// Ingest has no Idempotency-Key header: its own `idempotencyKey` makes a retried send map to the same
// event. Events without one get a key derived from the call's key, fixed before the first attempt.
export function withIngestKeys(call: OperationCall, key: string): unknown {
  if (call.bodyKey === 'event') {
    const event = call.body as IngestEvent;
    return event.idempotencyKey === undefined ? { ...event, idempotencyKey: key } : event;
  }
  if (call.bodyKey === 'batch') {
    const batch = call.body as { events: IngestEvent[] };
    return {
      ...batch,
      events: batch.events.map((e, i) =>
        e.idempotencyKey === undefined ? { ...e, idempotencyKey: `${key}-${i}` } : e,
      ),
    };
  }
  return call.body;
}
