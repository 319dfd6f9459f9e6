import { createHmac, randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import type { DestinationLogger, DestinationPluginDefinition } from '../defineDestinationPlugin.js';
import type { DestinationMessage, DestinationOutcome, DestinationProducer } from '../DestinationProducer.js';
import type { DestinationConformanceOptions, ReceivedMessage } from './DestinationConformanceOptions.js';

export type ResolvedOptions<C, K, F> = DestinationConformanceOptions<C, K, F> &
  Required<Pick<DestinationConformanceOptions<C, K, F>, 'timeoutMs' | 'title'>>;

/** Resolves a value given either as is or as a function of the fixture. */
export function perFixture<T, F>(value: T | ((fixture: F) => T), fixture: F): T {
  return typeof value === 'function' ? (value as (fixture: F) => T)(fixture) : value;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A message one test sent. */
export interface SentMessage extends DestinationMessage {
  /** Its index in the test: 0, 1, 2, … */
  readonly n: number;
}

/**
 * One conformance test's world: its fixture, the messages it made, the producers it created (each
 * closed at teardown) and what the fixture read back.
 */
export class DestinationRun<C, K, F> {
  readonly received: ReceivedMessage[] = [];
  private readonly tag = randomBytes(4).toString('hex');
  private readonly producers = new Set<DestinationProducer>();
  private made = 0;

  constructor(
    readonly t: ExecutionContext,
    readonly options: ResolvedOptions<C, K, F>,
    readonly fixture: F,
  ) {}

  get plugin(): DestinationPluginDefinition<C, K> {
    return this.options.plugin;
  }

  /** `count` new messages with distinct bodies, signed like Caravan signs them, on `keys` in turn. */
  messages(count: number, keys: readonly string[] = ['ep_conformance_a', 'ep_conformance_b']): SentMessage[] {
    return Array.from({ length: count }, () => {
      const n = this.made++;
      const id = `msg_${this.tag}_${n}`;
      const body = Buffer.from(
        JSON.stringify({ conformance: this.tag, n, text: 'héllo wörld ✓ "quoted" \\ \n' }),
      );
      const timestamp = String(Math.floor(Date.now() / 1000));
      const secret = Buffer.from('conformance-secret');
      const signature = createHmac('sha256', secret)
        .update(`${id}.${timestamp}.`)
        .update(body)
        .digest('base64');
      const attributes: Record<string, string> = {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
        'webhook-event-type': 'conformance.checked',
        ...(n % 3 === 1 ? { 'x-conformance-note': 'ünïcödé ✓' } : {}),
      };
      return { n, id, key: keys[n % keys.length]!, body, attributes };
    });
  }

  /** Creates a producer as the host does: config and credentials are deep-frozen copies. */
  producer(config: C = perFixture(this.options.config, this.fixture)): DestinationProducer {
    const credentials = perFixture(this.options.credentials ?? null, this.fixture);
    const producer = this.plugin.create({
      config: deepFrozenCopy(config),
      credentials: deepFrozenCopy(credentials),
      endpointId: `ep_conformance${this.tag}`,
      logger: this.logger(),
    });
    this.producers.add(producer);
    return producer;
  }

  /**
   * Sends `messages` as the host does, in calls of at most `maxBatchSize`, one after another, and
   * checks each answer: one outcome per message, of a known kind, and no rejection within the timeout.
   */
  async send(producer: DestinationProducer, messages: readonly SentMessage[]): Promise<DestinationOutcome[]> {
    const size = this.plugin.maxBatchSize ?? 1;
    const outcomes: DestinationOutcome[] = [];
    for (let start = 0; start < messages.length; start += size) {
      const batch = messages.slice(start, start + size);
      outcomes.push(...(await this.sendOnce(producer, batch)));
    }
    return outcomes;
  }

  async sendOnce(
    producer: DestinationProducer,
    batch: readonly SentMessage[],
  ): Promise<DestinationOutcome[]> {
    const answer = await withTimeout(
      producer.send(batch.map(({ n: _n, ...message }) => message)),
      this.options.timeoutMs,
      `send() of ${batch.length} message(s)`,
    );
    this.t.is(answer.length, batch.length, 'send() answers one outcome per message');
    for (const outcome of answer)
      this.t.true(
        ['delivered', 'retry', 'failed'].includes(outcome.kind),
        `a known outcome: ${outcome.kind}`,
      );
    return answer;
  }

  /** Reads until every one of `messages` arrived (or the timeout); answers what was read by this call. */
  async receive(messages: readonly SentMessage[]): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + this.options.timeoutMs;
    const got: ReceivedMessage[] = [];
    const missing = () => messages.filter((m) => !got.some((r) => sameBody(r.body, m.body)));
    while (missing().length > 0 && Date.now() < deadline) {
      const read = await this.options.receive(this.fixture, {
        count: missing().length,
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
      got.push(...read);
    }
    this.received.push(...got);
    return got;
  }

  /** The sent message a received one carries (by body). */
  which(received: ReceivedMessage, sent: readonly SentMessage[]): SentMessage | undefined {
    return sent.find((m) => sameBody(m.body, received.body));
  }

  /** Closes every producer still open. */
  async close(): Promise<void> {
    await Promise.all([...this.producers].map((p) => p.close()));
    this.producers.clear();
  }

  /** Shows the producer's warnings and errors in the test's output (everything with CARAVAN_CONFORMANCE_DEBUG set). */
  private logger(): DestinationLogger {
    const log =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        const shown = process.env.CARAVAN_CONFORMANCE_DEBUG || level === 'error';
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

function sameBody(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
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
