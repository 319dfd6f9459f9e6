import {
  DESTINATION_API_VERSION,
  DestinationUnavailableError,
  defineDestinationPlugin,
  outcomeOfError,
  type DestinationMessage,
  type DestinationOutcome,
  type DestinationProducer,
} from '../index.js';

/** An in-process topic: what a {@link memoryTopicDestination} writes to, for tests. */
export class MemoryTopic {
  private static readonly topics = new Map<string, MemoryTopic>();
  /** Every message written, in order. */
  readonly messages: DestinationMessage[] = [];
  /** While `false`, writes fail as if the broker were away. */
  reachable = true;
  private readCursor = 0;

  private constructor(readonly name: string) {}

  /** Creates (or empties) the topic named `name`. */
  static create(name: string): MemoryTopic {
    const topic = new MemoryTopic(name);
    MemoryTopic.topics.set(name, topic);
    return topic;
  }

  static find(name: string): MemoryTopic | undefined {
    return MemoryTopic.topics.get(name);
  }

  static delete(name: string): void {
    MemoryTopic.topics.delete(name);
  }

  /** The messages written since the last call. */
  read(): DestinationMessage[] {
    const fresh = this.messages.slice(this.readCursor);
    this.readCursor = this.messages.length;
    return fresh;
  }
}

/** Config of a destination writing to a {@link MemoryTopic}. */
export interface MemoryTopicConfig {
  /** Name the topic was created under. */
  topic: string;
}

/** A destination plugin writing to an in-process {@link MemoryTopic}: the reference plugin of the README. */
export const memoryTopicDestination = defineDestinationPlugin<MemoryTopicConfig, Record<string, never>>({
  id: 'caravan-memory',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'In-memory topic (tests only)',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['topic'],
    properties: { topic: { type: 'string', minLength: 1 } },
  },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  maxBatchSize: 10,
  create: ({ config }) => new MemoryTopicProducer(config.topic),
});

class MemoryTopicProducer implements DestinationProducer {
  private closed = false;

  constructor(private readonly topic: string) {}

  send(batch: readonly DestinationMessage[]): Promise<DestinationOutcome[]> {
    const topic = MemoryTopic.find(this.topic);
    try {
      if (this.closed) throw new DestinationUnavailableError('the producer is closed');
      if (!topic?.reachable) throw new DestinationUnavailableError(`topic ${this.topic} cannot be reached`);
      topic.messages.push(...batch.map((m) => ({ ...m, body: Uint8Array.from(m.body) })));
      return Promise.resolve(batch.map(() => ({ kind: 'delivered' })));
    } catch (error) {
      return Promise.resolve(batch.map(() => outcomeOfError(error)));
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
