import { partitionForKey } from './sql/partitionForKey.js';

/**
 * The `events` key of an event: `<tenantId>.<shard>`, the shard being a stable hash (32-bit FNV-1a) of
 * the event id modulo `shards`. A tenant's events therefore use at most `shards` distinct keys, so they
 * sit in at most `shards` partitions on either log, and a tenant's backlog never spreads over every
 * partition. Events of one tenant are ordered within a shard only, which the router never relies on.
 */
export function tenantShardKey(tenantId: string, eventId: string, shards: number): string {
  if (!Number.isInteger(shards) || shards < 1) {
    throw new RangeError(`shards must be a positive integer, got ${shards}`);
  }
  return `${tenantId}.${partitionForKey(eventId, shards)}`;
}
