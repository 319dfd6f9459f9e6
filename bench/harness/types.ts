import type { Installation, InstallationOptions } from './installation.js';
import type { ReceiverClient } from './receiver.js';

/** Where Caravan runs for a scenario: `caravan dev` (SQLite, SQL log) or MariaDB + Kafka processes. */
export type Backend = 'dev' | 'mariadb-kafka';

/** What every scenario gets from the harness. */
export interface BenchContext {
  /** Tiny counts, a few seconds: proves the scenario works end to end, measures nothing. */
  smoke: boolean;
  backend: Backend;
  /** The receiver process every scenario (and the baseline) sends to. */
  receiver: ReceiverClient;
  /** Starts Caravan on {@link backend}; the harness stops everything it started when the run ends. */
  install(options?: InstallationOptions): Promise<Installation>;
  /** Stops every installation started so far (a scenario that compares several set-ups). */
  stopAll(): Promise<void>;
  /** Measures the bare signed-POST rate against the receiver now (see `baseline.ts`). */
  baseline(): Promise<BaselineResult>;
  /** Progress lines for the operator (stderr). */
  note: (message: string) => void;
}

/** One latency distribution, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  /** Samples for the chart: [upper bound ms, count] per logarithmic bucket. */
  histogram: [number, number][];
}

export interface BaselineResult {
  requestsPerSecond: number;
  requests: number;
  concurrency: number;
  payloadBytes: number;
  seconds: number;
}

/**
 * What a scenario returns. `metrics` are its own figures (flat, numbers or strings); `ratios` are its
 * headline figures divided by the baseline's signed POSTs/s; `latencies` are charted.
 */
export interface ScenarioOutcome {
  metrics: Record<string, number | string | boolean | null>;
  /** Name → deliveries (or messages) per second; the harness divides each by the baseline. */
  rates: Record<string, number>;
  latencies: Record<string, LatencySummary>;
  /** Deliveries the scenario expected and the receiver counted (unique webhook-ids). */
  expected: number;
  delivered: number;
  /** Targets of the issue this run checked: name → met or not, with the figure. */
  targets?: Record<string, { met: boolean; value: number; limit: number }>;
  /** Rate name → the least ratio to the baseline the issue asks for; the harness adds it to `targets`. */
  ratioTargets?: Record<string, number>;
  /**
   * The figures the scenario's issue asks for when they are not ratios to the baseline (say,
   * messages/s through Caravan over the broker SDK's own rate in the same run): shown first, in bold.
   */
  headlines?: Record<string, number>;
}

/** A benchmark scenario: one module exporting `scenario`, listed in `scenarios/index.ts`. */
export interface Scenario {
  name: string;
  description: string;
  /** Backends the scenario can run on; the first is the default. */
  backends: Backend[];
  run(ctx: BenchContext): Promise<ScenarioOutcome>;
}
