import { Counter, Gauge, type Registry } from 'prom-client';
import type { SourceMetricsStore } from '../storage/SourceMetricsStore.js';

const OUTCOMES = [
  ['accepted', 'eventsAccepted'],
  ['retried', 'messagesRetried'],
  ['dead_lettered', 'messagesRejected'],
] as const;

/**
 * Exports the per-source totals the workers flushed to the database, read at each scrape, so the API
 * process (which every deployment scrapes) shows every worker's sources:
 * `caravan_source_messages_received_total{tenant,source}`,
 * `caravan_source_messages_total{tenant,source,outcome=accepted|retried|dead_lettered}` and
 * `caravan_source_last_message_timestamp_seconds{tenant,source}`.
 */
export function registerSourceMetrics(registry: Registry, store: Pick<SourceMetricsStore, 'all'>): void {
  let read: ReturnType<SourceMetricsStore['all']> | undefined;
  // One query per scrape, shared by the three metrics' collect callbacks.
  const totals = () => {
    read ??= store.all().finally(() => setTimeout(() => (read = undefined), 500).unref());
    return read;
  };
  new Counter({
    name: 'caravan_source_messages_received_total',
    help: 'Broker messages handed to the host, by source',
    labelNames: ['tenant', 'source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await totals())
        this.inc({ tenant: s.tenantId, source: s.sourceId }, s.messagesReceived);
    },
  });
  new Counter({
    name: 'caravan_source_messages_total',
    help: 'Answers to broker messages, by source and outcome (accepted, retried, dead_lettered)',
    labelNames: ['tenant', 'source', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await totals())
        for (const [outcome, key] of OUTCOMES)
          this.inc({ tenant: s.tenantId, source: s.sourceId, outcome }, s[key]);
    },
  });
  new Gauge({
    name: 'caravan_source_last_message_timestamp_seconds',
    help: 'When the newest broker message of a source was handled',
    labelNames: ['tenant', 'source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await totals())
        if (s.lastMessageAt !== null)
          this.set({ tenant: s.tenantId, source: s.sourceId }, s.lastMessageAt / 1000);
    },
  });
}
