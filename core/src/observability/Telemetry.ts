import type { LogRecord } from '../log/InternalLog.js';

/** Where an ingest came from. */
export type IngestVia = 'api' | 'source';

/**
 * A unit of work being traced (and timed). `traceparent` is its W3C trace context, to write into a log
 * record's headers or a request; `undefined` when tracing is off.
 */
export interface TracedWork {
  readonly traceparent: string | undefined;
  /** Ends the span; `error` marks it failed. */
  end(error?: unknown): void;
}

/** One HTTP attempt being observed, from just before it is signed to its outcome. */
export interface AttemptObservation {
  /** The attempt span's W3C trace context (sent as `traceparent` when the endpoint opts in). */
  readonly traceparent: string | undefined;
  /**
   * The attempt's result and the delivery's status after it (`succeeded`, `retrying`, `failed`): counts
   * the outcome, times the request and, on success, the lag since ingest; ends the span.
   */
  finished(result: AttemptResult, status: string): void;
}

/** What {@link AttemptObservation.finished} reads of a send result. */
export interface AttemptResult {
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: { code: string; message: string } | null;
  egressAddress: string | null;
}

/** What an attempt is about. */
export interface AttemptSubject {
  tenantId: string;
  endpointId: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  /** The delivery's attempt count before this attempt (0 for the first). */
  attempt: number;
  /** When the event was accepted (epoch ms): the lag is measured from here. */
  eventCreatedAt: number;
}

/** A broker source's backlog as its plugin reports it. */
export interface SourceBacklog {
  tenantId: string;
  sourceId: string;
  /** The plugin id (`aws-sqs`, `kafka`, …). */
  type: string;
  /** Messages waiting in the broker for Caravan. */
  messages: number;
}

/**
 * The pipeline's observability port: the roles report what they do here, in one call at each point that
 * matters, and the adapter turns it into Prometheus metrics and OpenTelemetry spans. {@link noTelemetry}
 * does nothing (units, benchmarks); `createTelemetry` is the real one. Calls never throw.
 */
export interface Telemetry {
  /**
   * Starts the span of one ingest call (REST request or a source's `deliver`) of `count` events, as a
   * child of the producer's trace context when it sent one (`parent`), else as the root of a trace.
   */
  ingestStarted(tenantId: string, count: number, via: IngestVia, parent?: string): TracedWork;
  /** `count` events of the tenant were made durable on the log. */
  eventsIngested(tenantId: string, count: number, via: IngestVia): void;
  /** Starts the router's span for one event, as a child of the trace context its log record carried. */
  routeStarted(
    event: { id: string; tenantId: string; eventType: string },
    parent: string | undefined,
  ): TracedWork;
  /** Starts observing one HTTP attempt, as a child of the trace context its delivery record carried. */
  attemptStarted(subject: AttemptSubject, parent: string | undefined): AttemptObservation;
  /**
   * Counts the dispatcher's records in hand: each record counts from now until it is marked done
   * (`caravan_dispatch_queue_depth`). Returns the records to use instead.
   */
  dispatchRecords(records: readonly LogRecord[]): readonly LogRecord[];
  /** Registers where the sources' backlogs are read at each scrape (the sources role of this process). */
  sourceBacklog(read: () => Promise<readonly SourceBacklog[]>): void;
}

const notTraced: TracedWork = { traceparent: undefined, end: () => undefined };

/** A {@link Telemetry} that records nothing. */
export const noTelemetry: Telemetry = {
  ingestStarted: () => notTraced,
  eventsIngested: () => undefined,
  routeStarted: () => notTraced,
  attemptStarted: () => ({ traceparent: undefined, finished: () => undefined }),
  dispatchRecords: (records) => records,
  sourceBacklog: () => undefined,
};

/** The log record header that carries the W3C trace context between the roles. */
export const TRACEPARENT_HEADER = 'traceparent';

/** `{ traceparent }` to add to a log record's headers, or nothing when there is no trace context. */
export function traceHeaders(traceparent: string | undefined): Record<string, string> {
  return traceparent ? { [TRACEPARENT_HEADER]: traceparent } : {};
}
