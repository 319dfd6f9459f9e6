import {
  SOURCE_API_VERSION,
  SourceConfigError,
  acknowledges,
  defineSourcePlugin,
  type SourceConsumer,
  type SourceContext,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from '../index.js';
import { MemoryQueue, type MemoryLease } from './MemoryQueue.js';

/** Config of a source reading a {@link MemoryQueue}. */
export interface MemoryQueueConfig {
  /** Name the queue was created under. */
  queue: string;
  /** Most messages per `deliver` call (default 10). */
  maxBatchSize?: number;
}

/** A source plugin reading an in-process {@link MemoryQueue}: the reference plugin of the README. */
export const memoryQueueSource = defineSourcePlugin<MemoryQueueConfig, Record<string, never>>({
  id: 'caravan-memory',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'In-memory queue (tests only)',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['queue'],
    properties: {
      queue: { type: 'string', minLength: 1 },
      maxBatchSize: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    },
  },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  create: (context) => new MemoryQueueConsumer(context),
});

class MemoryQueueConsumer implements SourceConsumer {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly context: SourceContext<MemoryQueueConfig, Record<string, never>>) {}

  start(sink: SourceSink): Promise<void> {
    const queue = MemoryQueue.find(this.context.config.queue);
    if (!queue) {
      return Promise.reject(
        new SourceConfigError(`no queue named ${this.context.config.queue}`, { field: '/config/queue' }),
      );
    }
    // One pull loop per worker: at most `workers` deliver calls pending at once.
    for (let i = 0; i < this.context.workers; i++) this.loops.push(this.pull(queue, sink));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private async pull(queue: MemoryQueue, sink: SourceSink): Promise<void> {
    const { signal } = this.abort;
    const maxBatchSize = this.context.config.maxBatchSize ?? 10;
    while (!signal.aborted) {
      const leases = await queue.receive(maxBatchSize, { waitMs: 1000, signal });
      if (leases.length === 0) continue;
      if (signal.aborted) {
        // stop() came while receiving: no deliver call may start now, so give the messages back.
        for (const lease of leases) queue.nack(lease.receipt);
        break;
      }
      // The host may take its time: keep the leases alive, renewing at a third of the deadline.
      const heartbeat = setInterval(() => {
        for (const lease of leases) queue.extend(lease.receipt);
      }, queue.ackDeadlineMs / 3);
      const outcomes = await sink
        .deliver(leases.map(toSourceMessage))
        .finally(() => clearInterval(heartbeat));
      let backOffMs = 0;
      leases.forEach((lease, i) => {
        const outcome: SourceOutcome = outcomes[i] ?? { kind: 'retry-later' };
        if (acknowledges(outcome)) {
          queue.ack(lease.receipt);
        } else {
          // Not acknowledged: give it back now so it is redelivered, and slow this loop down.
          queue.nack(lease.receipt);
          backOffMs = Math.max(backOffMs, outcome.delayMs ?? 1000);
        }
      });
      if (backOffMs > 0) await pause(backOffMs, signal);
    }
  }
}

function toSourceMessage(lease: MemoryLease): SourceMessage {
  return {
    id: lease.id,
    body: lease.body,
    attributes: lease.attributes,
    publishTime: lease.publishTime,
    deliveryAttempt: lease.deliveryAttempt,
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
