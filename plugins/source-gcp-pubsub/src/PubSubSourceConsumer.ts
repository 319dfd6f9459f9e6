import { isIP } from 'node:net';
import { Duration, PubSub, type ClientConfig, type Message, type Subscription } from '@google-cloud/pubsub';
import {
  SourceAuthError,
  SourceConfigError,
  SourceUnavailableError,
  acknowledges,
  type SourceConsumer,
  type SourceError,
  type SourceLogger,
  type SourceNetwork,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from '@caravan/source-api';
import type { ServiceAccount } from './pubSubSchemas.js';

/** Everything the consumer needs, defaults applied. */
export interface PubSubConsumerOptions {
  projectId: string;
  subscription: string;
  /** host[:port]; with `emulator`, plaintext and no credentials. */
  endpoint: string;
  emulator: boolean;
  /** `null`: the ambient identity (Application Default Credentials). */
  serviceAccount: ServiceAccount | null;
  workers: number;
  maxBatchSize: number;
  maxBatchWaitMs: number;
  maxOutstandingMessages: number;
  maxOutstandingBytes: number;
  minAckDeadlineSeconds: number | undefined;
  maxExtensionMinutes: number;
  /** Back-off after a `retry-later` without `delayMs`. */
  retryBackoffMs: number;
  logger: SourceLogger;
  /** The host's address guard; the endpoint's host is resolved through it before connecting. */
  network: SourceNetwork;
}

/**
 * StreamingPull through the official client. The client leases what it receives and extends the
 * ack deadlines of everything it holds until it is acked or nacked (up to `maxExtensionMinutes`),
 * so a message stays ours for as long as Caravan takes. Flow control (`allowExcessMessages: false`)
 * bounds what is leased to `workers` full batches. Messages are gathered into batches of up to
 * `maxBatchSize` (or what arrived within `maxBatchWaitMs`), with at most `workers` batches with
 * the host at once.
 */
export class PubSubSourceConsumer implements SourceConsumer {
  private client: PubSub | undefined;
  private subscription: Subscription | undefined;
  private sink: SourceSink | undefined;
  private readonly waiting: Message[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: PubSubConsumerOptions) {}

  async start(sink: SourceSink): Promise<void> {
    const o = this.options;
    this.sink = sink;
    // gRPC resolves names itself and takes no lookup: the endpoint's host goes through the host's
    // address guard first. The emulator (plaintext) is then reached at the address that was checked;
    // a TLS endpoint keeps its name, which its certificate must match.
    const [host = '', port] = splitHostPort(o.endpoint);
    const address = await checkedAddress(o.network, host);
    const endpoint = o.emulator ? joinHostPort(address, port) : o.endpoint;
    // apiEndpoint is always given, so PUBSUB_EMULATOR_HOST in the host's environment can never
    // redirect a tenant's source.
    const config: ClientConfig = {
      projectId: o.projectId,
      apiEndpoint: endpoint,
      emulatorMode: o.emulator,
    };
    if (o.serviceAccount && !o.emulator) config.credentials = o.serviceAccount;
    // An emulator needs no identity. Without a universe domain the client asks its (absent) credentials
    // for one, which probes the GCE metadata server and logs a MetadataLookupWarning off Google Cloud.
    if (o.emulator) config.universeDomain = 'googleapis.com';
    this.client = new PubSub(config);
    this.subscription = this.client.subscription(o.subscription, {
      flowControl: {
        maxMessages: o.maxOutstandingMessages,
        maxBytes: o.maxOutstandingBytes,
        allowExcessMessages: false,
      },
      ...(o.minAckDeadlineSeconds === undefined
        ? {}
        : { minAckDeadline: Duration.from({ seconds: o.minAckDeadlineSeconds }) }),
      maxExtensionTime: Duration.from({ minutes: o.maxExtensionMinutes }),
      streamingOptions: { maxStreams: Math.min(o.workers, 5) },
      // On close, whatever the client still holds unacked is nacked, so it is redelivered at once.
      closeOptions: { behavior: 'NACK' },
    });
    this.subscription.on('message', (message: Message) => this.receive(message));
    this.subscription.on('error', (error: unknown) => this.fail(error));
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    // Received but never handed to the host: give them back now rather than letting leases lapse.
    for (const message of this.waiting.splice(0)) message.nack();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
    // close() sends the pending acks and nacks before it resolves.
    await this.subscription?.close();
    this.subscription?.removeAllListeners();
    await this.client?.close();
  }

  private receive(message: Message): void {
    if (this.stopping) {
      message.nack();
      return;
    }
    this.waiting.push(message);
    this.pump();
  }

  /** Starts batches while fewer than `workers` are with the host, each full or old enough. */
  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopping) return;
    const { maxBatchSize, maxBatchWaitMs, workers } = this.options;
    const pause = this.pausedUntil - Date.now();
    if (pause > 0) {
      this.timer = setTimeout(() => this.pump(), pause);
      return;
    }
    while (this.inFlight < workers && this.waiting.length > 0) {
      const age = Date.now() - this.waiting[0]!.received;
      if (this.waiting.length < maxBatchSize && age < maxBatchWaitMs) {
        this.timer = setTimeout(() => this.pump(), maxBatchWaitMs - age);
        return;
      }
      void this.dispatch(this.waiting.splice(0, maxBatchSize));
    }
  }

  private async dispatch(batch: Message[]): Promise<void> {
    this.inFlight += 1;
    try {
      const outcomes = await this.sink!.deliver(batch.map(toSourceMessage)).catch(
        this.hostFailed(batch.length),
      );
      let backOffMs = 0;
      batch.forEach((message, i) => {
        const outcome: SourceOutcome = outcomes[i] ?? { kind: 'retry-later' };
        if (acknowledges(outcome)) {
          message.ack();
        } else {
          // modAck 0: Pub/Sub may redeliver it at once; pausing the dispatch is the back-off.
          message.nack();
          backOffMs = Math.max(backOffMs, outcome.delayMs ?? this.options.retryBackoffMs);
        }
      });
      if (backOffMs > 0) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + backOffMs);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idle) resolve();
      this.pump();
    }
  }

  /** The host promises deliver() never rejects; if it does anyway, nothing is acknowledged. */
  private hostFailed(count: number): (error: unknown) => SourceOutcome[] {
    return (error) => {
      this.options.logger.error({ err: error }, 'deliver() rejected; the messages will come again');
      return Array.from({ length: count }, () => ({ kind: 'retry-later' }));
    };
  }

  private fail(error: unknown): void {
    const failure = toSourceError(error, this.options.subscription);
    this.options.logger.error({ err: error, code: failure.code }, 'Pub/Sub subscriber failed');
    this.sink?.fail(failure);
  }
}

function toSourceMessage(message: Message): SourceMessage {
  return {
    id: message.id,
    body: message.data,
    attributes: { ...message.attributes },
    publishTime: new Date(message.publishTime.getTime()),
    // 0 when the subscription has no dead-letter policy: Pub/Sub does not count then.
    ...(message.deliveryAttempt > 0 ? { deliveryAttempt: message.deliveryAttempt } : {}),
  };
}

// gRPC status codes the subscriber's stream ends with.
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const INVALID_ARGUMENT = 3;
const UNAUTHENTICATED = 16;

/** Maps an error of the subscriber (a gRPC status error) to the contract's typed errors. */
export function toSourceError(error: unknown, subscription: string): SourceError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === NOT_FOUND)
    return new SourceConfigError(`subscription ${subscription} does not exist: ${message}`, {
      field: '/config/subscription',
      cause: error,
    });
  if (code === INVALID_ARGUMENT) return new SourceConfigError(message, { cause: error });
  if (code === PERMISSION_DENIED || code === UNAUTHENTICATED)
    return new SourceAuthError(message, { cause: error });
  return new SourceUnavailableError(message, { cause: error });
}

function splitHostPort(endpoint: string): [string, string | undefined] {
  const bracketed = /^\[(.*)\](?::(\d+))?$/.exec(endpoint);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 || endpoint.indexOf(':') !== colon
    ? [endpoint, undefined]
    : [endpoint.slice(0, colon), endpoint.slice(colon + 1)];
}

function joinHostPort(host: string, port: string | undefined): string {
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return port === undefined ? shown : `${shown}:${port}`;
}

/** The address `host` resolves to through the guard; refused addresses fail as unavailable. */
async function checkedAddress(network: SourceNetwork, host: string): Promise<string> {
  const refused = () =>
    new SourceUnavailableError(`connecting to ${host} is not allowed by this installation`);
  if (isIP(host)) {
    if (!network.allowsAddress(host)) throw refused();
    return host;
  }
  return new Promise((resolve, reject) => {
    network.lookup(host, { all: true }, (error, address) => {
      if (error)
        reject(
          (error as { code?: unknown }).code === 'CARAVAN_SOURCE_ADDRESS_REFUSED'
            ? refused()
            : new SourceUnavailableError(`${host} could not be resolved`, { cause: error }),
        );
      else if (typeof address === 'string') resolve(address);
      // An IPv4 address when there is one: the client reads `host:port` most simply that way.
      else resolve((address.find((a) => a.family === 4) ?? address[0])?.address ?? host);
    });
  });
}
