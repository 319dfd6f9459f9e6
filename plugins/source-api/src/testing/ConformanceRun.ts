import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import type { SourceLogger } from '../defineSourcePlugin.js';
import type { SourceConsumer, SourceMessage } from '../SourceConsumer.js';
import { openNetwork } from './openNetwork.js';
import { RecordingSink, type RecordingSinkOptions } from './RecordingSink.js';
import type { ConformanceMessage, SourceConformanceOptions } from './SourceConformanceOptions.js';

/** A message one test published, with the id the broker gave it. */
export interface PublishedMessage extends ConformanceMessage {
  /** Its index in the test: 0, 1, 2, … */
  readonly n: number;
  readonly id: string;
}

/** A started consumer and the sink it delivers to. */
export interface RunningConsumer {
  readonly sink: RecordingSink;
  /** Tells the sink that stop() is coming, then stops the consumer. */
  stop(): Promise<void>;
}

export type ResolvedOptions<C, K, F> = SourceConformanceOptions<C, K, F> &
  Required<Pick<SourceConformanceOptions<C, K, F>, 'workers' | 'timeoutMs' | 'quietMs' | 'title'>>;

/** Resolves a value given either as is or as a function of the fixture. */
export function perFixture<T, F>(value: T | ((fixture: F) => T), fixture: F): T {
  return typeof value === 'function' ? (value as (fixture: F) => T)(fixture) : value;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One conformance test's world: its fixture, what it published, the consumers it started (each
 * stopped at teardown), and the contract breaches their sinks saw.
 */
export class ConformanceRun<C, K, F> {
  readonly sightings = new Map<string, number>();
  readonly sinks: RecordingSink[] = [];
  private readonly tag = randomBytes(4).toString('hex');
  private readonly published = new Map<string, PublishedMessage>();
  private readonly running = new Set<RunningConsumer>();

  constructor(
    readonly t: ExecutionContext,
    readonly options: ResolvedOptions<C, K, F>,
    readonly fixture: F,
  ) {}

  /** Publishes `count` new messages with distinct bodies; some carry no attributes, some (binaryBodies) raw bytes. */
  async publish(count: number): Promise<PublishedMessage[]> {
    const first = this.published.size;
    const messages = Array.from({ length: count }, (_, i) => this.message(first + i));
    const ids = await this.options.publish(messages, this.fixture);
    if (ids.length !== count) throw new Error(`publish answered ${ids.length} ids for ${count} messages`);
    return messages.map((message, i) => {
      const published = { ...message, n: first + i, id: ids[i]! };
      this.published.set(key(message.body), published);
      return published;
    });
  }

  /** Creates and starts a consumer of the plugin under test, delivering to a new recording sink. */
  async consume(
    sinkOptions: Omit<RecordingSinkOptions, 'workers' | 'sightings' | 'check'> = {},
  ): Promise<RunningConsumer> {
    const { workers, config, credentials = null } = this.options;
    const sink = new RecordingSink({
      ...sinkOptions,
      workers,
      sightings: this.sightings,
      check: (message) => this.check(message),
    });
    this.sinks.push(sink);
    const consumer = this.create(perFixture(config, this.fixture), perFixture(credentials, this.fixture));
    let stopped: Promise<void> | undefined;
    const running: RunningConsumer = {
      sink,
      stop: () => {
        sink.requestStop();
        stopped ??= consumer.stop().finally(() => this.running.delete(running));
        return stopped;
      },
    };
    this.running.add(running);
    await consumer.start(sink);
    return running;
  }

  /**
   * Creates a consumer as the host does: config and credentials are deep-frozen copies (a plugin,
   * or an SDK it hands them to, must not write into them).
   */
  create(config: C, credentials: K | null, options: { quiet?: boolean } = {}): SourceConsumer {
    return this.options.plugin.create({
      config: deepFrozenCopy(config),
      credentials: deepFrozenCopy(credentials),
      workers: this.options.workers,
      sourceId: `src_conformance${this.tag}`,
      logger: this.logger(options.quiet ?? false),
      network: this.options.network ?? openNetwork,
    });
  }

  /** The published message a delivery carries (by body). */
  which(message: SourceMessage): PublishedMessage | undefined {
    return this.published.get(key(message.body));
  }

  /** Index `n` of the published message a delivery carries, or -1. */
  nOf(message: SourceMessage): number {
    return this.which(message)?.n ?? -1;
  }

  /** Polls `condition` every 20 ms; throws naming `what` after `timeoutMs` (default: the kit's). */
  async waitFor(condition: () => boolean, what: string, timeoutMs = this.options.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(20);
    }
  }

  /** Waits long enough for deliveries that must not happen to show up. */
  quiet(): Promise<void> {
    return sleep(this.options.quietMs);
  }

  /** Fails the test with every contract breach the sinks saw, and every failure a consumer reported. */
  assertClean(): void {
    const problems = this.sinks.flatMap((sink) => sink.problems);
    this.t.deepEqual([...new Set(problems)], [], 'the consumer kept the contract');
    const failures = this.sinks.flatMap((sink) => sink.failures.map((e) => `${e.code}: ${e.message}`));
    this.t.deepEqual(failures, [], 'the consumer reported no failure');
  }

  /** Stops every consumer still running. */
  async close(): Promise<void> {
    await Promise.all([...this.running].map((running) => running.stop()));
  }

  private check(message: SourceMessage): string | undefined {
    const published = this.which(message);
    if (!published) return `message ${message.id} carries a body this test never published`;
    if (published.id !== message.id)
      return `message ${published.n} was published as ${published.id} but delivered as ${message.id}`;
    return undefined;
  }

  private message(n: number): ConformanceMessage {
    const text = Buffer.from(
      JSON.stringify({ conformance: this.tag, n, text: 'héllo wörld ✓ "quoted" \\ \n' }),
    );
    const body =
      this.options.binaryBodies && n % 3 === 2
        ? Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x80]), text])
        : text;
    const attributes: Record<string, string> =
      n % 4 === 3 ? {} : { 'conformance-n': String(n), 'conformance-note': 'ünïcödé ✓' };
    return { body, attributes };
  }

  /** Shows the consumer's warnings and errors in the test's output (everything with CARAVAN_CONFORMANCE_DEBUG set). */
  private logger(quiet: boolean): SourceLogger {
    const log =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        const shown =
          process.env.CARAVAN_CONFORMANCE_DEBUG || (!quiet && (level === 'warn' || level === 'error'));
        if (!shown) return;
        try {
          this.t.log(`[${level}] ${message}`, fields);
        } catch {
          // The test is over; a late log line has nowhere to go.
        }
      };
    return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  }
}

function deepFrozenCopy<T>(value: T): T {
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    Object.values(v).forEach(freeze);
    Object.freeze(v);
  };
  const copy = structuredClone(value);
  freeze(copy);
  return copy;
}

function key(body: Uint8Array): string {
  return Buffer.from(body).toString('base64');
}
