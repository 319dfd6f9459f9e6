import type { DestinationMessage, DestinationOutcome, DestinationProducer } from '@caravan/destination-api';
import type { Clock } from '../domain/Clock.js';
import type { Logger } from '../observability/index.js';
import type { DestinationTarget } from '../dispatcher/WebhookSender.js';
import type { DestinationPlugins, LoadedDestinationPlugin } from '../plugins/index.js';

interface Waiting {
  message: DestinationMessage;
  resolve(outcome: DestinationOutcome): void;
}

interface Entry {
  version: string;
  plugin: LoadedDestinationPlugin;
  producer: DestinationProducer;
  queue: Waiting[];
  flushing: boolean;
  usedAt: number;
}

export interface ProducerPoolOptions {
  plugins: DestinationPlugins;
  clock: Clock;
  logger: Logger;
  /** A producer unused this long is closed (default 5 minutes). */
  idleMs?: number;
}

/**
 * One producer per endpoint and destination version, created on first use and closed when the
 * endpoint's destination changes, when it has been idle for `idleMs`, or on close. Messages for one
 * endpoint that are ready in the same turn of the event loop go out in one `send` call of up to the
 * plugin's `maxBatchSize` (the dispatcher hands deliveries over one at a time; brokers are faster per
 * batch). A send that throws despite the contract answers `retry` for its messages.
 */
export class ProducerPool {
  readonly #entries = new Map<string, Entry>();
  readonly #idleMs: number;
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;

  constructor(private readonly options: ProducerPoolOptions) {
    this.#idleMs = options.idleMs ?? 300_000;
    this.#sweeper = setInterval(() => void this.#sweep(), Math.min(this.#idleMs, 60_000));
    this.#sweeper.unref();
  }

  async send(target: DestinationTarget, message: DestinationMessage): Promise<DestinationOutcome> {
    if (this.#closed) return { kind: 'retry', reason: 'the dispatcher is shutting down' };
    const entry = await this.#entry(target);
    if (!entry) return { kind: 'retry', reason: `destination type ${target.type} is not installed here` };
    entry.usedAt = this.options.clock.now();
    return new Promise<DestinationOutcome>((resolve) => {
      entry.queue.push({ message, resolve });
      if (!entry.flushing) {
        entry.flushing = true;
        setImmediate(() => void this.#flush(entry));
      }
    });
  }

  async #flush(entry: Entry): Promise<void> {
    const sends: Promise<void>[] = [];
    while (entry.queue.length > 0) {
      const batch = entry.queue.splice(0, entry.plugin.definition.maxBatchSize);
      sends.push(this.#sendBatch(entry, batch));
    }
    entry.flushing = false;
    await Promise.all(sends);
  }

  async #sendBatch(entry: Entry, batch: Waiting[]): Promise<void> {
    let outcomes: DestinationOutcome[];
    try {
      outcomes = await entry.producer.send(batch.map((w) => w.message));
    } catch (error) {
      this.options.logger.error(
        { err: error, type: entry.plugin.definition.id },
        'destination send() rejected',
      );
      outcomes = [];
    }
    batch.forEach((waiting, i) =>
      waiting.resolve(outcomes[i] ?? { kind: 'retry', reason: 'the destination plugin gave no outcome' }),
    );
  }

  async #entry(target: DestinationTarget): Promise<Entry | undefined> {
    const key = `${target.tenantId}/${target.endpointId}`;
    const current = this.#entries.get(key);
    const version = `${target.type}@${target.version}`;
    if (current?.version === version) return current;
    const plugin = await this.options.plugins.get(target.type);
    if (!plugin) return undefined;
    // Another send may have made the producer while the registry answered.
    const raced = this.#entries.get(key);
    if (raced?.version === version) return raced;
    if (raced) this.#retire(key, raced);
    const producer = plugin.definition.create({
      config: target.config,
      credentials: target.credentials,
      endpointId: target.endpointId,
      logger: this.options.logger.child({ tenantId: target.tenantId, endpointId: target.endpointId }),
    });
    const entry: Entry = {
      version,
      plugin,
      producer,
      queue: [],
      flushing: false,
      usedAt: this.options.clock.now(),
    };
    this.#entries.set(key, entry);
    return entry;
  }

  #retire(key: string, entry: Entry): void {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
    // Messages already queued still go out through it: close() lets pending sends settle.
    setImmediate(() => {
      void entry.producer.close().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'closing a destination producer failed');
      });
    });
  }

  async #sweep(): Promise<void> {
    const now = this.options.clock.now();
    for (const [key, entry] of this.#entries)
      if (now - entry.usedAt > this.#idleMs && entry.queue.length === 0) this.#retire(key, entry);
    await Promise.resolve();
  }

  /** Closes every producer, after their pending sends. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.allSettled(entries.map((e) => e.producer.close()));
  }
}
