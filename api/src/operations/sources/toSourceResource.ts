import type { SourceWithLease, StoredDeadLetter } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso, isoOrNull } from '../Handler.js';

type Source = components['schemas']['Source'];
type DeadLetter = components['schemas']['DeadLetter'];

/**
 * The API shape of a source. `state` is `paused` when the tenant paused it, `error` while the runner
 * records a consumer error, `running` otherwise. Metrics and `lastMessageAt` are the totals the
 * workers flushed (every few seconds), so they may trail the broker by that much.
 */
export function toSourceResource(s: SourceWithLease): Source {
  const state = s.status === 'paused' ? 'paused' : s.status === 'error' || s.lastError ? 'error' : 'running';
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    config: s.config,
    hasCredentials: s.credentialsEncrypted !== null,
    workers: s.workers,
    format: s.format,
    raw: s.raw,
    status: {
      state,
      workerId: state === 'paused' ? null : s.workerId,
      lastError: s.lastError && { ...s.lastError, at: iso(s.lastError.at) },
      lastMessageAt: isoOrNull(s.lastMessageAt),
      metrics: { ...s.metrics },
    },
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

export function toDeadLetterResource(d: StoredDeadLetter): DeadLetter {
  return {
    id: d.id,
    sourceId: d.sourceId,
    messageId: d.messageId,
    body: d.body.toString('base64'),
    attributes: d.attributes,
    reason: d.reason as DeadLetter['reason'],
    receivedAt: iso(d.receivedAt),
    replayedAt: isoOrNull(d.replayedAt),
    replayedEventId: d.replayedEventId,
  };
}
