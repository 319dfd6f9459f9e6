import type { Admin } from 'kafkajs';

export interface TopicsSpec {
  topics: readonly { name: string; partitions: number }[];
  replicationFactor: number;
  /** `max.message.bytes` of created topics. */
  maxMessageBytes: number;
}

/**
 * Creates the topics that are missing, adds partitions to those that have fewer than wanted (never
 * removes any: Kafka cannot, and a key's partition must stay put), and waits until every partition has
 * a leader.
 */
export async function ensureTopics(admin: Admin, spec: TopicsSpec): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = spec.topics.filter((t) => !existing.has(t.name));
  if (missing.length > 0) {
    // acks=all only means "every in-sync replica": with replicas, require at least two of them in sync.
    const minInSync = String(Math.min(2, spec.replicationFactor));
    // kafkajs's waitForLeaders retries only LEADER_NOT_AVAILABLE, but a KRaft broker (Kafka 4) answers
    // UNKNOWN_TOPIC_OR_PARTITION for a moment after creating a topic: waitForLeaders below handles both.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: [
          { name: 'max.message.bytes', value: String(spec.maxMessageBytes) },
          { name: 'min.insync.replicas', value: minInSync },
        ],
      })),
    });
  }
  const present = spec.topics.filter((t) => existing.has(t.name));
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
    const grow = present.flatMap((t) => {
      const count = metadata.topics.find((m) => m.name === t.name)?.partitions.length ?? 0;
      return count < t.partitions ? [{ topic: t.name, count: t.partitions }] : [];
    });
    if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
  }
  await waitForLeaders(admin, spec.topics);
}

const TOPIC_SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** Waits until every partition of the topics has a leader (bounded: 30 s). */
async function waitForLeaders(admin: Admin, topics: TopicsSpec['topics']): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
      const ready = topics.every((t) => {
        const partitions = metadata.topics.find((m) => m.name === t.name)?.partitions ?? [];
        return partitions.length >= t.partitions && partitions.every((p) => p.leader >= 0);
      });
      if (ready) return;
    } catch (error) {
      if (!TOPIC_SETTLING.has(errorType(error)) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`Kafka topics ${topics.map((t) => t.name).join(', ')} have no leaders`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The Kafka protocol error type (`UNKNOWN_TOPIC_OR_PARTITION`, …) of an error or of its causes. */
export function errorType(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return '';
}
