import test from 'ava';
import { partitionForKey } from './partitionForKey.js';

test('partitionForKey › is FNV-1a of the UTF-8 key modulo the partition count', (t) => {
  // FNV-1a 32-bit reference values: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
  t.is(partitionForKey('', 1000), 0x811c9dc5 % 1000);
  t.is(partitionForKey('a', 1000), 0xe40c292c % 1000);
  t.is(partitionForKey('foobar', 1000), 0xbf9cf968 % 1000);
});

test('partitionForKey › spreads ids over every partition', (t) => {
  const counts = new Array<number>(12).fill(0);
  for (let i = 0; i < 1200; i++) counts[partitionForKey(`ep_${i.toString(36)}`, 12)]!++;
  t.true(
    counts.every((c) => c > 50),
    counts.join(','),
  );
});
