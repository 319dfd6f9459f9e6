import type { Clock } from '../domain/Clock.js';
import type { EventType } from '../domain/eventType.js';
import { compilePayloadSchema, type PayloadError, type PayloadValidator } from '../domain/payloadSchema.js';
import {
  CaravanError,
  EventTypeNotFoundError,
  ValidationError,
  fromPointer,
  invalidField,
  type FieldError,
  type FieldPath,
} from '../errors/index.js';
import type { EventTypeRepository } from '../storage/EventTypeRepository.js';
import type { Page, PageRequest } from '../storage/Page.js';
import type { PayloadValidationPool } from '../ingest/PayloadValidationPool.js';

export interface EventTypeServiceDeps {
  eventTypes: EventTypeRepository;
  clock: Clock;
  /**
   * How long a cached payload validator is trusted before the row's `updated_at` is checked again
   * (default 5 s): a schema changed by another process applies within this time.
   */
  validatorTtlMs?: number;
  /** Most (tenant, event type) validators kept; the least recently used go first (default 10 000). */
  validatorCacheSize?: number;
  /**
   * Where payloads larger than `inlineValidationBytes` are checked against their schema: worker threads,
   * each check bounded in time. Without it every check runs inline.
   */
  validationPool?: Pick<PayloadValidationPool, 'check' | 'timeoutMs'>;
  /** Payloads up to this many bytes are checked on the calling thread (default 16 KiB). */
  inlineValidationBytes?: number;
}

/** Options of one payload check. */
export interface PayloadCheckOptions {
  /** The payload's exact text; a large one is checked in the validation pool. */
  payloadText?: string;
  /** The checks of one request (see `PayloadCheckJob.group`). */
  group?: AbortController;
}

export interface CreateEventTypeInput {
  name: string;
  description?: string | null;
  schema?: Record<string, unknown> | null;
}

export interface UpdateEventTypeInput {
  description?: string | null;
  schema?: Record<string, unknown> | null;
}

const NAME = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/;

interface Compiled {
  /** Names this version of the schema in the validation pool. */
  key: string;
  schema: Record<string, unknown> | null;
  updatedAt: number;
  /** `null`: the type has no schema. */
  validate: PayloadValidator | null;
}

interface CacheEntry {
  checkedAt: number;
  /** Resolves `null` when the type is not registered. */
  current: Promise<Compiled | null>;
}

/** A tenant's event types, and the check of event payloads against their JSON Schema. */
export class EventTypeService {
  private readonly validators = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly cacheSize: number;

  constructor(private readonly deps: EventTypeServiceDeps) {
    this.ttlMs = deps.validatorTtlMs ?? 5_000;
    this.cacheSize = deps.validatorCacheSize ?? 10_000;
  }

  async create(tenantId: string, input: CreateEventTypeInput): Promise<EventType> {
    if (!NAME.test(input.name) || input.name.length > 128) {
      throw invalidField(['name'], 'must be dot-separated segments of letters, digits, _ and -');
    }
    if (input.schema) checkSchema(input.schema);
    const now = this.deps.clock.now();
    const eventType: EventType = {
      tenantId,
      name: input.name,
      description: input.description ?? null,
      schema: input.schema ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.eventTypes.insert(eventType);
    this.forget(tenantId, input.name);
    return eventType;
  }

  async get(tenantId: string, name: string): Promise<EventType> {
    const eventType = await this.deps.eventTypes.get(tenantId, name);
    if (!eventType) throw new EventTypeNotFoundError(name);
    return eventType;
  }

  list(tenantId: string, page: PageRequest): Promise<Page<EventType>> {
    return this.deps.eventTypes.list(tenantId, page);
  }

  async update(tenantId: string, name: string, input: UpdateEventTypeInput): Promise<EventType> {
    if (input.schema) checkSchema(input.schema);
    const existing = await this.get(tenantId, name);
    // `updated_at` is what other processes' validator caches compare: it must change on every update,
    // even two within one millisecond.
    const updatedAt = Math.max(this.deps.clock.now(), existing.updatedAt + 1);
    const updated = await this.deps.eventTypes.update(tenantId, name, { ...input, updatedAt });
    this.forget(tenantId, name);
    if (!updated) throw new EventTypeNotFoundError(name);
    return updated;
  }

  async delete(tenantId: string, name: string): Promise<void> {
    const deleted = await this.deps.eventTypes.delete(tenantId, name);
    this.forget(tenantId, name);
    if (!deleted) throw new EventTypeNotFoundError(name);
  }

  /** Whether the tenant has registered `eventType` (cached like the validators). */
  async isRegistered(tenantId: string, eventType: string): Promise<boolean> {
    return (await this.validatorFor(tenantId, eventType)) !== null;
  }

  /**
   * Checks an event payload against its type's schema, for the ingest path. Answers `[]` when the type
   * is not registered or has no schema (such events are accepted as they are), else every problem as a
   * field under `at` (`['payload', 'customer', 'email']`). Validators are cached per (tenant, type) and
   * re-checked against the row's `updated_at` after `validatorTtlMs`.
   */
  async validatePayload(
    tenantId: string,
    eventType: string,
    payload: unknown,
    at: FieldPath = ['payload'],
    options: PayloadCheckOptions = {},
  ): Promise<FieldError[]> {
    const compiled = await this.validatorFor(tenantId, eventType);
    if (!compiled?.validate || !compiled.schema) return [];
    const pool = this.deps.validationPool;
    const { payloadText } = options;
    const inline = this.deps.inlineValidationBytes ?? 16 * 1024;
    const errors =
      pool && payloadText !== undefined && payloadText.length > inline
        ? await this.checkInPool(pool, tenantId, compiled, payloadText, options.group)
        : compiled.validate(payload);
    return errors.map((e) => ({ path: [...at, ...fromPointer(e.pointer)], message: e.message }));
  }

  private async checkInPool(
    pool: NonNullable<EventTypeServiceDeps['validationPool']>,
    tenantId: string,
    compiled: Compiled,
    payloadText: string,
    group: AbortController | undefined,
  ): Promise<PayloadError[]> {
    const check = await pool.check({
      tenantId,
      key: compiled.key,
      schema: compiled.schema!,
      payloadText,
      ...(group ? { group } : {}),
    });
    if (check.kind === 'checked') return check.errors;
    if (check.kind === 'cancelled') return [];
    return [
      {
        pointer: '',
        message: `could not be checked against its event type's schema within ${pool.timeoutMs} ms; simplify the schema or send a smaller payload`,
      },
    ];
  }

  private validatorFor(tenantId: string, name: string): Promise<Compiled | null> {
    const key = cacheKey(tenantId, name);
    const now = this.deps.clock.now();
    const entry = this.validators.get(key);
    if (entry && now - entry.checkedAt < this.ttlMs) {
      this.validators.delete(key);
      this.validators.set(key, entry);
      return entry.current;
    }
    // Concurrent events of one type share one lookup; a failed lookup is not cached.
    const current = this.load(tenantId, name, entry?.current);
    this.validators.delete(key);
    this.validators.set(key, { checkedAt: now, current });
    current.catch(() => {
      if (this.validators.get(key)?.current === current) this.validators.delete(key);
    });
    for (const oldest of this.validators.keys()) {
      if (this.validators.size <= this.cacheSize) break;
      this.validators.delete(oldest);
    }
    return current;
  }

  private async load(
    tenantId: string,
    name: string,
    previous: Promise<Compiled | null> | undefined,
  ): Promise<Compiled | null> {
    const updatedAt = await this.deps.eventTypes.getUpdatedAt(tenantId, name);
    if (updatedAt === undefined) return null;
    const prior = previous ? await previous.catch(() => null) : null;
    if (prior && prior.updatedAt === updatedAt) return prior;
    const row = await this.deps.eventTypes.get(tenantId, name);
    if (!row) return null;
    const key = `${cacheKey(tenantId, name)}\u0000${row.updatedAt}`;
    if (!row.schema) return { key, schema: null, updatedAt: row.updatedAt, validate: null };
    const compiled = compilePayloadSchema(row.schema);
    // Stored schemas were checked when written; failing now is a bug worth a loud error, not silence.
    if (!compiled.ok) {
      throw new CaravanError(
        'CARAVAN_INTERNAL',
        `The stored schema of event type ${name} does not compile: ${compiled.error.message}`,
      );
    }
    return { key, schema: row.schema, updatedAt: row.updatedAt, validate: compiled.validate };
  }

  private forget(tenantId: string, name: string): void {
    this.validators.delete(cacheKey(tenantId, name));
  }
}

function checkSchema(schema: Record<string, unknown>): void {
  const compiled = compilePayloadSchema(schema);
  if (!compiled.ok) throw new ValidationError([compiled.error]);
}

// Neither tenant ids nor event type names contain a NUL.
const cacheKey = (tenantId: string, name: string) => `${tenantId}\u0000${name}`;
