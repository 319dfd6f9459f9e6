import test from 'ava';
import { Partitioners } from 'kafkajs';
import { partitionForKey } from './sql/partitionForKey.js';
import { tenantShardKey } from './tenantShardKey.js';

const PARTITIONS = 12;
const kafkaPartitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
  partitionErrorCode: 0,
  partitionId,
  leader: 1,
  replicas: [1],
  isr: [1],
}));
const kafkaPartition = (key: string) =>
  kafkaPartitioner({ topic: 'events', partitionMetadata, message: { key, value: null } });
const eventIds = Array.from({ length: 1200 }, (_, i) => `evt_${i.toString(36).padStart(6, '0')}`);

for (const shards of [1, 3, 4]) {
  test(`tenantShardKey › a tenant with ${shards} shard(s) lands in at most ${shards} partitions on either log`, (t) => {
    const keys = eventIds.map((id) => tenantShardKey('ten_busy', id, shards));
    t.true(new Set(keys.map((k) => partitionForKey(k, PARTITIONS))).size <= shards, 'SQL log');
    t.true(new Set(keys.map(kafkaPartition)).size <= shards, 'Kafka');
    t.true(keys.every((k) => k.startsWith('ten_busy.')));
  });
}

test('tenantShardKey › spreads one tenant’s event ids evenly over its shards', (t) => {
  const counts = new Map<string, number>();
  for (const id of eventIds) {
    const key = tenantShardKey('ten_busy', id, 4);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  t.deepEqual([...counts.keys()].sort(), ['ten_busy.0', 'ten_busy.1', 'ten_busy.2', 'ten_busy.3']);
  t.true(
    [...counts.values()].every((c) => c > 200),
    [...counts.values()].join(','),
  );
});

test('tenantShardKey › gives an event the same key every time, and other tenants other keys', (t) => {
  t.is(tenantShardKey('ten_a', 'evt_1', 8), tenantShardKey('ten_a', 'evt_1', 8));
  t.is(tenantShardKey('ten_a', 'evt_1', 8), `ten_a.${partitionForKey('evt_1', 8)}`);
  const a = new Set(eventIds.map((id) => tenantShardKey('ten_a', id, 3)));
  const b = new Set(eventIds.map((id) => tenantShardKey('ten_b', id, 3)));
  t.false([...a].some((k) => b.has(k)));
});

test('tenantShardKey › refuses a shard count that is not a positive integer', (t) => {
  t.throws(() => tenantShardKey('ten_a', 'evt_1', 0), { instanceOf: RangeError, message: /shards/ });
  t.throws(() => tenantShardKey('ten_a', 'evt_1', 1.5), { instanceOf: RangeError, message: /shards/ });
});
