/**
 * The partition of a key in the SQL log: 32-bit FNV-1a over the key's UTF-8 bytes, modulo the partition
 * count. Stable across processes and releases, which is all per-key order needs. It deliberately does
 * not reproduce Kafka's murmur2 partitioner: the two logs never share data, so a key's partition number
 * only has to agree with itself.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
