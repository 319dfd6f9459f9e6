import { setImmediate } from 'node:timers/promises';
import type { Clock } from '../domain/Clock.js';
import { derivedEventId, newId } from '../domain/ids.js';
import { encodeRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { Tenant, TenantLimits } from '../domain/tenant.js';
import {
  LogUnavailableError,
  TenantGoneError,
  ValidationError,
  isRetriable,
  type FieldError,
  type FieldPath,
} from '../errors/index.js';
import type { AppendRecord, InternalLog } from '../log/InternalLog.js';
import { noTelemetry, traceHeaders, type Telemetry } from '../observability/Telemetry.js';
import { tenantShardKey } from '../log/tenantShardKey.js';
import type { IngestLane, IngestTopic } from './IngestLane.js';
import type { EventRepository } from '../storage/EventRepository.js';
import { ExistingIdsBatcher } from './ExistingIdsBatcher.js';
import { ingestItemProblems, type IngestItem } from './ingestItem.js';

/**
 * The tenant's `ingestPerSecond` limit (`createIngestLimiter`): `take` resolves when the tenant may ingest
 * `events` more events now and rejects with `IngestRateLimitedError` (`CARAVAN_INGEST_RATE_LIMITED`,
 * carrying how long to wait) otherwise.
 */
export interface IngestLimiter {
  take(tenantId: string, events: number, limits: TenantLimits): Promise<void>;
}

/**
 * Checks payloads against their event type's JSON Schema (`EventTypeService.validatePayload`), and
 * whether a type is registered (`EventTypeService.isRegistered`).
 */
export interface PayloadValidation {
  isRegistered(tenantId: string, eventType: string): Promise<boolean>;
  validatePayload(
    tenantId: string,
    eventType: string,
    payload: unknown,
    at: FieldPath,
    options?: {
      /** The payload's exact text: a large one is checked off the event loop. */
      payloadText?: string;
      /** The checks of one request; one that runs out of time cancels the rest. */
      group?: AbortController;
    },
  ): Promise<FieldError[]>;
}

export interface EventIngestServiceDeps {
  log: InternalLog;
  events: Pick<EventRepository, 'createdAtOf'>;
  eventTypes: PayloadValidation;
  /** The tenant's ingest settings, `undefined` when it does not exist. Cached here for `limitsTtlMs`. */
  tenantSettings: (tenantId: string) => Promise<TenantIngestSettings | undefined>;
  clock: Clock;
  ingestLimiter?: IngestLimiter;
  /** How long a tenant's limits are trusted before they are read again. Default 5 s. */
  limitsTtlMs?: number;
  /** Counts accepted events and traces each ingest (its span's context goes on the log records). */
  telemetry?: Telemetry;
  /** Which topic a tenant's events go to (`IngestLane`); without it, always `events`. */
  lane?: IngestLane;
}

/** What ingest reads of a tenant: its limits and whether event types must be registered. */
export type TenantIngestSettings = Pick<Tenant, 'limits' | 'requireRegisteredEventTypes'>;

export interface IngestOptions {
  /** The broker source the events came from; absent for the REST API. */
  sourceId?: string;
  /**
   * The items are a batch: field errors are named `['events', i, …]` ({@link batchItemOf}) rather than
   * from the single item's top (`['payload', …]`).
   */
  batch?: boolean;
  /**
   * The producer's W3C trace context (a request's `traceparent` header, a broker message's
   * `traceparent` attribute): the ingest span continues that trace instead of starting one.
   */
  traceparent?: string | undefined;
}

export interface IngestResult {
  id: string;
  /** The event was already persisted (or repeats an earlier item of the same batch): nothing new is stored. */
  duplicate: boolean;
}

const MAX_CACHED_TENANTS = 10_000;
const YIELD_EVERY_BYTES = 1024 * 1024;
const BATCH_FIELD = 'events';

/**
 * Which item of a batch ingest a field error names, and the path inside that item; `undefined` when
 * it names none (the batch as a whole).
 */
export function batchItemOf(error: FieldError): { index: number; path: FieldPath } | undefined {
  const [root, index, ...path] = error.path;
  if (root !== BATCH_FIELD || typeof index !== 'number') return undefined;
  return { index, path };
}

/**
 * Ingest, for the REST API and broker sources alike: validates a whole batch before anything is written,
 * derives ids, and appends the events to the `events` topic of the internal log in one call. It resolves
 * only when that append is durable, so a `202` or a broker ack is never given for an event a crash could
 * lose. It reads nothing on the hot path but the tenant's cached limits, the event types' cached
 * validators and, for events with an idempotency key, a primary-key read for duplicates (the `duplicate`
 * answer needs it), which concurrent requests share (`ExistingIdsBatcher`) and which runs while the append
 * does.
 */
export class EventIngestService {
  private readonly limits = new Map<
    string,
    { at: number; limits: Promise<TenantIngestSettings | undefined> }
  >();
  private readonly limitsTtlMs: number;
  private readonly duplicates: ExistingIdsBatcher;

  constructor(private readonly deps: EventIngestServiceDeps) {
    this.limitsTtlMs = deps.limitsTtlMs ?? 5_000;
    this.duplicates = new ExistingIdsBatcher((tenantId, ids) => deps.events.createdAtOf(tenantId, ids));
  }

  /** The tenant's largest payload, in bytes (cached). */
  async maxPayloadBytes(tenantId: string): Promise<number> {
    return (await this.settingsOf(tenantId)).limits.maxPayloadBytes;
  }

  async ingest(
    tenantId: string,
    items: readonly IngestItem[],
    options: IngestOptions = {},
  ): Promise<IngestResult[]> {
    if (!options.batch && items.length !== 1) throw new RangeError('a single ingest takes exactly one item');
    const settings = await this.settingsOf(tenantId);
    await this.validate(tenantId, items, settings, options);
    await this.deps.ingestLimiter?.take(tenantId, items.length, settings.limits);

    const now = this.deps.clock.now();
    const results: IngestResult[] = [];
    const records: EventRecord[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const id = item.idempotencyKey ? derivedEventId(tenantId, item.idempotencyKey) : newId('evt', now);
      // A key repeated inside one batch names one event: the first item's.
      results.push({ id, duplicate: seen.has(id) });
      if (!seen.has(id)) records.push(toRecord(tenantId, id, item, options.sourceId ?? null, now));
      seen.add(id);
    }
    // The duplicate check runs while the append does, so a request waits for the longer of the two, not
    // for both. Every record is appended, even one whose key is already persisted: the router's insert
    // ignores such a copy (another creation time under the same derived id) and routes nothing for it, so
    // nothing new is delivered. Only derived ids can exist already. The check may read after the router
    // has persisted this very record: a row created at this request's time is this publish, not an
    // earlier one.
    const keyed = records.filter((r) => r.idempotencyKey !== null).map((r) => r.id);
    const telemetry = this.deps.telemetry ?? noTelemetry;
    const via = options.sourceId ? 'source' : 'api';
    const span = telemetry.ingestStarted(tenantId, records.length, via, options.traceparent);
    const [appended, checked] = await Promise.allSettled([
      this.append(
        this.deps.lane?.topicFor(tenantId, records.length) ?? 'events',
        records,
        settings.limits.eventShards,
        span.traceparent,
      ),
      this.duplicates.existingIds(tenantId, keyed),
    ]);
    span.end(appended.status === 'rejected' ? appended.reason : undefined);
    if (appended.status === 'rejected') throw appended.reason;
    telemetry.eventsIngested(tenantId, records.length, via);
    // The events are durable, but `duplicate` cannot be answered: the caller retries, and a keyed event
    // maps to the same id again.
    if (checked.status === 'rejected') throw checked.reason;
    for (const result of results) {
      const createdAt = checked.value.get(result.id);
      if (createdAt !== undefined && createdAt !== now) result.duplicate = true;
    }
    return results;
  }

  /**
   * Keyed by tenant shard, so a tenant's events sit in at most `shards` partitions and its backlog never
   * queues other tenants' events behind it.
   */
  private async append(
    topic: IngestTopic,
    records: readonly EventRecord[],
    shards: number,
    traceparent: string | undefined,
  ): Promise<void> {
    const trace = traceparent ? { headers: traceHeaders(traceparent) } : {};
    try {
      const encoded: AppendRecord[] = [];
      let sinceTurn = 0;
      for (const r of records) {
        // Encoding copies each payload; a large batch gives the loop a turn every megabyte, so other
        // tenants' requests are answered in between rather than after the whole of it.
        if (sinceTurn > YIELD_EVERY_BYTES) {
          sinceTurn = 0;
          await setImmediate();
        }
        const value = encodeRecord(r);
        sinceTurn += value.length;
        encoded.push({ key: tenantShardKey(r.tenantId, r.id, shards), value, ...trace });
      }
      await this.deps.log.append(topic, encoded);
    } catch (error) {
      // A failure the log says will pass keeps its own kind and retry hints; anything else is reported
      // as the log being unavailable, which is true of the outcome: nothing was accepted.
      if (isRetriable(error)) throw error;
      throw new LogUnavailableError('The events could not be made durable; nothing was accepted.', {
        cause: error,
      });
    }
  }

  private async validate(
    tenantId: string,
    items: readonly IngestItem[],
    { limits, requireRegisteredEventTypes }: TenantIngestSettings,
    options: IngestOptions,
  ): Promise<void> {
    const at = (i: number): FieldPath => (options.batch ? [BATCH_FIELD, i] : []);
    const envelope: FieldError[] = [];
    const tooLarge: FieldError[] = [];
    const unregistered = requireRegisteredEventTypes ? await this.unregisteredTypes(tenantId, items, at) : [];
    // One request's checks in the validation pool: when one runs out of time, the rest are not run.
    const group = new AbortController();
    envelope.push(...unregistered);
    const checks = items.map((item, i) => {
      envelope.push(...ingestItemProblems(item, at(i)));
      const bytes = Buffer.byteLength(item.payloadText, 'utf8');
      if (bytes > limits.maxPayloadBytes) {
        tooLarge.push({
          path: [...at(i), 'payload'],
          message: `must be at most ${limits.maxPayloadBytes} bytes (it is ${bytes})`,
        });
        // A payload over the limit is not worth checking against a schema.
        return Promise.resolve([]);
      }
      return this.deps.eventTypes.validatePayload(
        tenantId,
        item.eventType,
        item.payload,
        [...at(i), 'payload'],
        { payloadText: item.payloadText, group },
      );
    });
    const schema = (await Promise.all(checks)).flat();
    // One answer names every problem; its code is the most pressing one: size, then shape, then schema.
    const errors = [...tooLarge, ...envelope, ...schema];
    if (errors.length === 0) return;
    const code = tooLarge.length
      ? 'CARAVAN_PAYLOAD_TOO_LARGE'
      : envelope.length
        ? 'CARAVAN_VALIDATION_FAILED'
        : 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH';
    throw new ValidationError(errors, { code });
  }

  /** Items whose event type the tenant has not registered, each named at its `eventType`. */
  private async unregisteredTypes(
    tenantId: string,
    items: readonly IngestItem[],
    at: (i: number) => FieldPath,
  ): Promise<FieldError[]> {
    const types = [...new Set(items.map((item) => item.eventType))];
    const known = await Promise.all(types.map((type) => this.deps.eventTypes.isRegistered(tenantId, type)));
    const missing = new Set(types.filter((_, i) => !known[i]));
    return items.flatMap((item, i) =>
      missing.has(item.eventType)
        ? [
            {
              path: [...at(i), 'eventType'],
              message: `"${item.eventType}" is not a registered event type (this tenant requires registered event types)`,
            },
          ]
        : [],
    );
  }

  private async settingsOf(tenantId: string): Promise<TenantIngestSettings> {
    const now = this.deps.clock.now();
    let entry = this.limits.get(tenantId);
    if (!entry || now - entry.at >= this.limitsTtlMs) {
      entry = { at: now, limits: this.deps.tenantSettings(tenantId) };
      this.limits.delete(tenantId);
      this.limits.set(tenantId, entry);
      const loaded = entry.limits;
      loaded.catch(() => {
        if (this.limits.get(tenantId)?.limits === loaded) this.limits.delete(tenantId);
      });
      for (const oldest of this.limits.keys()) {
        if (this.limits.size <= MAX_CACHED_TENANTS) break;
        this.limits.delete(oldest);
      }
    }
    const limits = await entry.limits;
    // The caller's key or source named the tenant a moment ago; the tenant was deleted since.
    if (!limits) throw new TenantGoneError(tenantId);
    return limits;
  }
}

function toRecord(
  tenantId: string,
  id: string,
  item: IngestItem,
  sourceId: string | null,
  now: number,
): EventRecord {
  return {
    v: 1,
    id,
    tenantId,
    eventType: item.eventType,
    payload: item.payloadText,
    idempotencyKey: item.idempotencyKey ?? null,
    endpointId: item.endpointId ?? null,
    ownerId: item.ownerId ?? null,
    headers: { ...item.headers },
    sourceId,
    createdAt: now,
  };
}
