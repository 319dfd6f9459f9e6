import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { LogRecord } from '../log/InternalLog.js';
import type {
  AttemptObservation,
  AttemptResult,
  AttemptSubject,
  IngestVia,
  SourceBacklog,
  Telemetry,
  TracedWork,
} from './Telemetry.js';

export interface TelemetryOptions {
  /** The process's Prometheus registry. */
  registry: Registry;
  /** Adds a `tenant` label to the per-tenant metrics (`metrics.tenantLabels`). */
  tenantLabels: boolean;
  /** Caravan's version, on the tracer. */
  version: string;
  /** How long a read of the sources' backlogs is reused (default 10 s): brokers are not asked at every scrape. */
  backlogCacheMs?: number;
}

/** Seconds from sub-second requests to the retry schedule's 10 h steps. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 36_000, 86_400];
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The real {@link Telemetry}: Prometheus metrics in the process's registry, and OpenTelemetry spans on
 * the global tracer (a no-op until `startTracing` registered an SDK, so tracing off costs nothing). The
 * trace context crosses processes as W3C `traceparent` text, through the global propagator.
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const { registry, tenantLabels } = options;
  const tracer = trace.getTracer('caravan', options.version);
  const withTenant = (names: string[]) => (tenantLabels ? [...names, 'tenant'] : names);
  const labels = (tenantId: string, rest: Record<string, string>) =>
    tenantLabels ? { ...rest, tenant: tenantId } : rest;

  const ingested = new Counter({
    name: 'caravan_events_ingested_total',
    help: 'Events accepted (durable on the internal log), by way in (api, source)',
    labelNames: withTenant(['via']),
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'caravan_deliveries_total',
    help: "Delivery attempts, by the delivery's outcome after each (succeeded, retrying, failed)",
    labelNames: withTenant(['outcome']),
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'caravan_delivery_duration_seconds',
    help: 'Duration of delivery attempts (connect to response), by outcome',
    labelNames: withTenant(['outcome']),
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'caravan_delivery_lag_seconds',
    help: 'From ingest (the event accepted) to its receipt by the endpoint (a 2xx), retries included',
    labelNames: withTenant([]),
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'caravan_dispatch_queue_depth',
    help: "Deliveries in this process's dispatcher: queued, sending, waiting on a limit or for their outcome to be stored",
    registers: [registry],
  });

  const backlogReaders: (() => Promise<readonly SourceBacklog[]>)[] = [];
  let backlogRead: { at: number; value: Promise<SourceBacklog[]> } | undefined;
  const backlogCacheMs = options.backlogCacheMs ?? 10_000;
  new Gauge({
    name: 'caravan_source_lag_messages',
    help: "Messages waiting in a source's broker, as its plugin reports it (sources whose broker tells)",
    labelNames: tenantLabels ? ['type', 'tenant', 'source'] : ['type'],
    registers: [registry],
    async collect() {
      if (backlogReaders.length === 0) return;
      if (!backlogRead || Date.now() - backlogRead.at > backlogCacheMs) {
        const value = Promise.all(backlogReaders.map((read) => read().catch(() => []))).then((all) =>
          all.flat(),
        );
        backlogRead = { at: Date.now(), value };
      }
      const backlogs = await backlogRead.value;
      this.reset();
      for (const b of backlogs) {
        if (tenantLabels) this.inc({ type: b.type, tenant: b.tenantId, source: b.sourceId }, b.messages);
        else this.inc({ type: b.type }, b.messages);
      }
    },
  });

  const started = (name: string, kind: SpanKind, attributes: Attributes, parent?: string): Span =>
    tracer.startSpan(name, { kind, attributes }, parent ? contextOf(parent) : ROOT_CONTEXT);

  const traced = (span: Span): TracedWork => ({
    traceparent: traceparentOf(span),
    end(error?: unknown) {
      if (error !== undefined) {
        const message = error instanceof Error ? error.message : JSON.stringify(error);
        span.recordException(error instanceof Error ? error : message);
        span.setStatus({ code: SpanStatusCode.ERROR, message });
      }
      span.end();
    },
  });

  return {
    ingestStarted(tenantId: string, count: number, via: IngestVia, parent?: string): TracedWork {
      return traced(
        started(
          'caravan.ingest',
          SpanKind.PRODUCER,
          { 'caravan.tenant_id': tenantId, 'caravan.ingest.via': via, 'caravan.events': count },
          parent,
        ),
      );
    },
    eventsIngested(tenantId: string, count: number, via: IngestVia): void {
      ingested.inc(labels(tenantId, { via }), count);
    },
    routeStarted(event, parent): TracedWork {
      return traced(
        started(
          'caravan.route',
          SpanKind.CONSUMER,
          {
            'caravan.tenant_id': event.tenantId,
            'caravan.event_id': event.id,
            'caravan.event_type': event.eventType,
          },
          parent,
        ),
      );
    },
    attemptStarted(subject: AttemptSubject, parent: string | undefined): AttemptObservation {
      const span = started(
        'caravan.attempt',
        SpanKind.CLIENT,
        {
          'caravan.tenant_id': subject.tenantId,
          'caravan.endpoint_id': subject.endpointId,
          'caravan.delivery_id': subject.deliveryId,
          'caravan.event_id': subject.eventId,
          'caravan.event_type': subject.eventType,
          'caravan.attempt': subject.attempt + 1,
        },
        parent,
      );
      return {
        traceparent: traceparentOf(span),
        finished(result: AttemptResult, status: string) {
          const outcome = labels(subject.tenantId, { outcome: status });
          deliveries.inc(outcome);
          duration.observe(outcome, result.durationMs / 1000);
          if (status === 'succeeded') {
            const receivedAt = result.startedAt + result.durationMs;
            lag.observe(
              labels(subject.tenantId, {}),
              Math.max(0, receivedAt - subject.eventCreatedAt) / 1000,
            );
          }
          if (result.statusCode !== null) span.setAttribute('http.response.status_code', result.statusCode);
          if (result.egressAddress) span.setAttribute('caravan.egress_address', result.egressAddress);
          span.setAttribute('caravan.delivery_status', status);
          if (result.error) {
            span.setAttribute('error.type', result.error.code);
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
          }
          span.end();
        },
      };
    },
    dispatchRecords(records: readonly LogRecord[]): readonly LogRecord[] {
      queueDepth.inc(records.length);
      return records.map((record) => {
        let counted = true;
        // A copy whose done() also takes the record off the gauge, once.
        return Object.freeze({
          ...record,
          done() {
            if (counted) queueDepth.dec();
            counted = false;
            record.done();
          },
        });
      });
    },
    sourceBacklog(read) {
      backlogReaders.push(read);
    },
  };
}

function contextOf(traceparent: string): Context {
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

function traceparentOf(span: Span): string | undefined {
  if (!span.spanContext().traceId || !span.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent;
}
