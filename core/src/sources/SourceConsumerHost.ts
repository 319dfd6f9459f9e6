import type { SourceConsumer, SourceError, SourceSink } from '@caravan/source-api';
import { deepFreeze } from '../config/deepFreeze.js';
import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import type { Logger } from '../observability/index.js';
import type { StoredSource } from '../storage/SourceRepository.js';
import { deliverMessages, type DeliverDeps } from './deliverMessages.js';
import type { SourcePlugins } from '../plugins/index.js';
import { SOURCE_ADDRESS_REFUSED, type SourceAddressGuard } from './SourceAddressGuard.js';
import type { SourceCounters } from './SourceCounters.js';

export interface ConsumerHostDeps extends DeliverDeps {
  registry: Pick<SourcePlugins, 'get'>;
  keyRing: KeyRing;
  clock: Clock;
  logger: Logger;
  /** Where the answers to every `deliver` call are counted. */
  counters: Pick<SourceCounters, 'record'>;
  /**
   * The SSRF guard on broker addresses: the config's addresses are checked before each consumer is
   * created, and its `network` is lent to the consumer for every connection it opens.
   */
  addressGuard: Pick<SourceAddressGuard, 'problems' | 'network'>;
  /** Records the consumer's latest error (`null`: it started fine). */
  setLastError(sourceId: string, error: { code: string; message: string; at: number } | null): Promise<void>;
}

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Runs one version of one source in this process: creates the plugin's consumer and keeps it running.
 * A failed `start` or a `sink.fail` records `lastError`, stops the consumer and tries a new one after
 * an exponential back-off (1 s doubling to 60 s), so a broken source never spins.
 */
export class SourceConsumerHost {
  private consumer: SourceConsumer | undefined;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private cycle: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ConsumerHostDeps,
    readonly source: StoredSource,
  ) {}

  /** Resolves once the first attempt to start finished (started, or failed and scheduled a retry). */
  start(): Promise<boolean> {
    const first = this.attempt();
    this.cycle = first.then(() => {});
    return first;
  }

  /**
   * The broker's backlog for this source as the running consumer reports it; `null` when it cannot
   * tell (not running, the plugin reports none, the broker did not answer within `timeoutMs`).
   */
  async backlog(timeoutMs: number): Promise<number | null> {
    const consumer = this.consumer;
    if (!consumer?.backlog) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    try {
      const messages = await Promise.race([consumer.backlog().catch(() => null), late]);
      return typeof messages === 'number' && Number.isFinite(messages) && messages >= 0 ? messages : null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the consumer; resolves once its pending `deliver` calls were answered and applied. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.cycle;
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  private async attempt(): Promise<boolean> {
    if (this.stopped) return false;
    const { source } = this;
    try {
      const plugin = await this.deps.registry.get(source.type);
      if (!plugin)
        throw Object.assign(new Error(`source type ${source.type} is not installed`), {
          code: 'CARAVAN_SOURCE_TYPE_NOT_FOUND',
        });
      // The policy or the DNS answers may have changed since the source was saved.
      const refused = await this.deps.addressGuard.problems(plugin, source.config).catch(() => []);
      if (refused.length > 0)
        throw Object.assign(new Error(refused.map((p) => `${p.path.join('/')}: ${p.message}`).join('; ')), {
          code: SOURCE_ADDRESS_REFUSED,
          shown: true,
        });
      const credentials =
        source.credentialsEncrypted === null
          ? null
          : deepFreeze(
              JSON.parse(this.deps.keyRing.decryptString(source.credentialsEncrypted, source.id)) as unknown,
            );
      const consumer = plugin.definition.create({
        config: deepFreeze(structuredClone(source.config)),
        credentials,
        workers: source.workers,
        sourceId: source.id,
        logger: this.deps.logger.child({ tenantId: source.tenantId, sourceId: source.id }),
        network: this.deps.addressGuard.network,
      });
      this.consumer = consumer;
      await consumer.start(this.sink(consumer));
      if (this.failures > 0 || source.lastError)
        await this.deps.setLastError(source.id, null).catch(() => {});
      this.failures = 0;
      return true;
    } catch (error) {
      // stop() is safe after a failed start and releases whatever the consumer had opened.
      await this.failed(error, true);
      return false;
    }
  }

  private sink(consumer: SourceConsumer): SourceSink {
    return {
      deliver: async (messages) => {
        const outcomes = await deliverMessages(this.deps, this.source, messages);
        this.deps.counters.record(this.source, outcomes, this.deps.clock.now());
        return outcomes;
      },
      fail: (error: SourceError) => {
        if (this.consumer !== consumer) return;
        this.cycle = this.failed(error, true);
      },
    };
  }

  private async failed(error: unknown, stopConsumer: boolean): Promise<void> {
    const failed = this.consumer;
    this.consumer = undefined;
    this.failures++;
    this.deps.logger.warn({ sourceId: this.source.id, err: error }, 'source consumer failed');
    await this.deps
      .setLastError(this.source.id, { ...shownError(error, this.source.type), at: this.deps.clock.now() })
      .catch(() => {});
    if (stopConsumer) await failed?.stop().catch(() => {});
    if (this.stopped) return;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (this.failures - 1));
    this.retry = setTimeout(() => {
      this.cycle = this.attempt().then(() => {});
    }, delay);
  }
}

/** Codes a plugin reports after the broker itself answered: its message helps the tenant fix the source. */
const BROKER_ANSWERS = new Set(['CARAVAN_SOURCE_CONFIG_INVALID', 'CARAVAN_SOURCE_AUTH_FAILED']);

/**
 * What the tenant sees of a failure (`lastError`). A refused address and an answer from the broker
 * (wrong topic, bad credentials) are shown as reported; any other failure to reach or talk to the
 * broker is one fixed message, whatever happened on the wire: a refused connection, a timeout and a
 * server that speaks another protocol must look alike, or a source becomes a port scanner. The full
 * error goes to the operator's log.
 */
function shownError(error: unknown, type: string): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === SOURCE_ADDRESS_REFUSED && (error as { shown?: unknown }).shown === true)
    return { code, message };
  if (typeof code === 'string' && BROKER_ANSWERS.has(code)) return { code, message };
  if (code === 'CARAVAN_SOURCE_TYPE_NOT_FOUND') return { code, message };
  return {
    code: 'CARAVAN_SOURCE_UNAVAILABLE',
    message: `the ${type} broker could not be reached, or did not answer as one; retrying with back-off`,
  };
}
