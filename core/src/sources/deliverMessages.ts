import type { SourceMessage, SourceOutcome } from '@caravan/source-api';
import type { Clock } from '../domain/Clock.js';
import { newId } from '../domain/ids.js';
import { ValidationError, isRetriable, retryAfterMsOf, toPointer } from '../errors/index.js';
import type { IngestItem } from '../ingest/ingestItem.js';
import { batchItemOf, type IngestResult } from '../ingest/EventIngestService.js';
import type { StoredDeadLetter, StoredSource } from '../storage/SourceRepository.js';
import { REJECTION_CODES, toIngestItem, type RejectionReason } from './toIngestItem.js';

export interface DeliverDeps {
  ingest: {
    ingest(
      tenantId: string,
      items: readonly IngestItem[],
      options?: { sourceId?: string; batch?: boolean; traceparent?: string | undefined },
    ): Promise<IngestResult[]>;
  };
  deadLetters: { insertDeadLetter(deadLetter: StoredDeadLetter): Promise<void> };
  clock: Clock;
}

const RETRY_MS = 1_000;
// Not retriable and not the messages' fault (a bug, a deleted tenant): try again, but not soon.
const UNEXPECTED_RETRY_MS = RETRY_MS * 5;

/**
 * Answers one `deliver` call: converts every message, ingests the valid ones in one batch for the
 * source's tenant (never a tenant named in a message), stores dead letters for the invalid ones, and
 * answers one outcome per message, in order. Never rejects: any failure of its own is `retry-later`, so
 * nothing is acknowledged before it is durable (an event in the log, or a dead letter in the table).
 */
export async function deliverMessages(
  deps: DeliverDeps,
  source: Pick<StoredSource, 'id' | 'tenantId' | 'format' | 'raw'>,
  messages: readonly SourceMessage[],
): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = messages.map(() => ({ kind: 'retry-later', delayMs: RETRY_MS }));
  const rejected = new Map<number, RejectionReason>();
  let pending = new Map<number, IngestItem>();
  messages.forEach((message, i) => {
    const converted = toIngestItem(source, message);
    if (converted.ok) pending.set(i, converted.item);
    else rejected.set(i, converted.reason);
  });
  // Ingest validates a batch as a whole: invalid items are set aside as dead letters and the rest is
  // ingested again (twice at most: the second round has only items ingest already found valid).
  for (let round = 0; round < 3 && pending.size > 0; round++) {
    const indexes = [...pending.keys()];
    try {
      await deps.ingest.ingest(source.tenantId, [...pending.values()], {
        sourceId: source.id,
        batch: true,
        // A producer that traces put its context on the message: the ingest joins that trace.
        traceparent: messages.find((m) => m.attributes.traceparent)?.attributes.traceparent,
      });
      for (const i of indexes) outcomes[i] = { kind: 'accepted' };
      pending = new Map();
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        const delayMs = retryDelay(error);
        for (const i of indexes) outcomes[i] = { kind: 'retry-later', delayMs };
        pending = new Map();
        break;
      }
      const next = new Map(pending);
      for (const e of error.errors) {
        const item = batchItemOf(e);
        const i = item ? indexes[item.index] : undefined;
        if (!item || i === undefined) continue;
        next.delete(i);
        const reason = rejected.get(i) ?? { code: rejectionCode(error.code), message: '', errors: [] };
        // The item was the message's body, so its fields are named in the body.
        const field = toPointer(['body', ...item.path]);
        reason.errors.push({ field, message: e.message });
        reason.message = reason.message || `${field}: ${e.message}`;
        rejected.set(i, reason);
      }
      // A validation error that names no item cannot be pinned on one: retry all rather than loop.
      if (next.size === pending.size) break;
      pending = next;
    }
  }
  await Promise.all(
    [...rejected].map(async ([i, reason]) => {
      const message = messages[i]!;
      try {
        const now = deps.clock.now();
        await deps.deadLetters.insertDeadLetter({
          id: newId('dl', now),
          tenantId: source.tenantId,
          sourceId: source.id,
          messageId: message.id,
          body: Buffer.from(message.body),
          attributes: { ...message.attributes },
          reason,
          receivedAt: now,
          replayedAt: null,
          replayedEventId: null,
        });
        outcomes[i] = { kind: 'rejected', reason: reason.message };
      } catch {
        // Not stored, so not acknowledged: the broker redelivers it and storing is tried again.
        outcomes[i] = { kind: 'retry-later', delayMs: RETRY_MS };
      }
    }),
  );
  return outcomes;
}

/**
 * How long the broker keeps messages whose ingest failed for a reason other than the messages. A
 * retriable failure (the log is down, the tenant is over its ingest limit) is tried again as soon as
 * it says: back-pressure, the broker keeps the messages until the tenant's window lets them in.
 */
export function retryDelay(error: unknown): number {
  if (!isRetriable(error)) return UNEXPECTED_RETRY_MS;
  return Math.max(RETRY_MS, retryAfterMsOf(error) ?? RETRY_MS);
}

function rejectionCode(code: string): RejectionReason['code'] {
  return REJECTION_CODES.find((c) => c === code) ?? 'CARAVAN_VALIDATION_FAILED';
}
