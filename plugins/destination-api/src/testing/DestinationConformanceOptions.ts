import type { DestinationPluginDefinition } from '../defineDestinationPlugin.js';

/** A message as the fixture read it back from the broker. */
export interface ReceivedMessage {
  readonly body: Uint8Array;
  /** Every attribute (header) the message carries, as text. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The ordering key the broker kept (message group, Kafka key, ordering key), when it keeps one. */
  readonly key?: string;
}

/** Where a broker listens, for the kit's outage proxy. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** What {@link runDestinationConformance} needs to drive a plugin against a real broker. */
export interface DestinationConformanceOptions<Config, Credentials, Fixture = undefined> {
  /** The plugin under test (the package's default export). */
  readonly plugin: DestinationPluginDefinition<Config, Credentials>;
  /**
   * Prepares a fresh queue, topic or exchange (with something to read it) for one test. With
   * `setup`, tests run concurrently, each on its own; without it, one after another.
   */
  readonly setup?: () => Promise<Fixture>;
  /** Removes what `setup` made; runs after every producer of the test is closed. */
  readonly teardown?: (fixture: Fixture) => Promise<void>;
  /** The destination config, fixed or per fixture. Must be valid against the plugin's `configSchema`. */
  readonly config: Config | ((fixture: Fixture) => Config);
  /** The destination credentials (default `null`: the ambient identity). */
  readonly credentials?: Credentials | null | ((fixture: Fixture) => Credentials | null);
  /**
   * Reads what arrived at the fixture's target since the last call, in the order the broker hands
   * it out: resolves once at least `count` messages were read, or with what there is after
   * `timeoutMs`.
   */
  readonly receive: (
    fixture: Fixture,
    expect: { readonly count: number; readonly timeoutMs: number },
  ) => Promise<ReceivedMessage[]>;
  /** A config whose broker does not answer (a closed port on loopback): every send must answer `retry`. */
  readonly unreachable: Config | ((fixture: Fixture) => Config);
  /**
   * The broker's address and a config that reaches it through another address: the kit puts a TCP
   * proxy there and cuts it in the middle of a run to prove that one producer rides out an outage
   * (retry while it lasts, delivered after). Omit for brokers that redirect clients to advertised
   * addresses (Kafka), where `unreachable` is the outage test.
   */
  readonly outage?: {
    readonly target: (fixture: Fixture) => HostPort;
    readonly config: (fixture: Fixture, proxy: HostPort) => Config;
  };
  /** The broker keeps the order of messages with the same key, and the kit checks it (default false). */
  readonly ordered?: boolean;
  /** Longest wait for a send or an expected message (default 30 s). */
  readonly timeoutMs?: number;
  /** Prefix of every test title (default: the plugin id). */
  readonly title?: string;
}
