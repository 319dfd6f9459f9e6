import type { SourceNetwork, SourcePluginDefinition } from '../defineSourcePlugin.js';

/** A message the conformance kit asks the fixture to publish to the broker. */
export interface ConformanceMessage {
  readonly body: Buffer;
  /** Possibly empty: the kit also checks a message without attributes. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** A config the consumer must refuse, and the kind of error it must report. */
export interface ConformanceStartFailure<Config, Credentials, Fixture> {
  /** What is wrong, for the test title (`a queue that does not exist`). */
  readonly name: string;
  readonly config: Config | ((fixture: Fixture) => Config);
  readonly credentials?: Credentials | null | ((fixture: Fixture) => Credentials | null);
  /**
   * The error expected from `create()`, `start()` or `sink.fail()` within `timeoutMs`:
   * `config` → `CARAVAN_SOURCE_CONFIG_INVALID`, `auth` → `CARAVAN_SOURCE_AUTH_FAILED`,
   * `unavailable` → `CARAVAN_SOURCE_UNAVAILABLE`.
   */
  readonly error: 'config' | 'auth' | 'unavailable';
}

/** What {@link runSourceConformance} needs to drive a plugin against a real broker. */
export interface SourceConformanceOptions<Config, Credentials, Fixture = undefined> {
  /** The plugin under test (the package's default export). */
  readonly plugin: SourcePluginDefinition<Config, Credentials>;
  /**
   * Prepares a fresh topic, subscription or queue for one test and answers whatever `config`,
   * `publish` and `teardown` need to reach it. With `setup`, tests run concurrently, each on its
   * own; without it, they run one after another on the same target, which must then be empty
   * between tests.
   */
  readonly setup?: () => Promise<Fixture>;
  /** Removes what `setup` made; runs after every consumer of the test has stopped. */
  readonly teardown?: (fixture: Fixture) => Promise<void>;
  /** The source config, fixed or per fixture. Must be valid against the plugin's `configSchema`. */
  readonly config: Config | ((fixture: Fixture) => Config);
  /** The source credentials (default `null`: the ambient identity). */
  readonly credentials?: Credentials | null | ((fixture: Fixture) => Credentials | null);
  /** Publishes the messages, in order, to the fixture's target; answers the broker's message ids, in the same order. */
  readonly publish: (messages: readonly ConformanceMessage[], fixture: Fixture) => Promise<string[]>;
  /**
   * How long the slow-host test holds one `deliver` call: at least twice the broker's ack
   * deadline, visibility timeout or session timeout as configured for the test, so that a plugin
   * which does not extend it gets the message redelivered while it is pending.
   */
  readonly slowDeliverMs: number;
  /**
   * The address guard the consumers get (default `openNetwork`: every address, through the
   * system resolver). Lend a guard to check that the plugin connects through it.
   */
  readonly network?: SourceNetwork;
  /** `workers` the consumers get (default 2). */
  readonly workers?: number;
  /** Longest wait for an expected delivery (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * How long to watch for deliveries that must not come (default 2 s). Use at least the time the
   * broker takes to offer again a message whose consumer went away without acknowledging it.
   */
  readonly quietMs?: number;
  /** The broker carries arbitrary bytes (not only text): some bodies then contain NUL and invalid UTF-8 (default false). */
  readonly binaryBodies?: boolean;
  /** The broker hands several waiting messages to one `deliver` call, and the kit checks it (default true). */
  readonly batches?: boolean;
  /**
   * Acknowledgement is a position (Kafka offsets): a message accepted after a not-accepted one of
   * the same partition may be delivered again. The kit then only forbids redelivering messages
   * accepted before the first `retry-later` of a consumer (default false).
   */
  readonly cumulativeAcks?: boolean;
  /** Configs the consumer must refuse with a typed error. */
  readonly startFailures?: readonly ConformanceStartFailure<Config, Credentials, Fixture>[];
  /** Prefix of every test title (default: the plugin id). */
  readonly title?: string;
}
