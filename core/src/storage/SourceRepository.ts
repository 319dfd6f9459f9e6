import type { Page, PageRequest } from './Page.js';
import type { SourceCounts } from './SourceMetricsStore.js';

export type SourceFormat = 'caravan' | 'convoy' | 'raw';
export type SourceStatusValue = 'running' | 'paused' | 'error';

/** Attribute names of the `raw` format. */
export interface RawFormatOptions {
  eventTypeAttribute: string;
  endpointIdAttribute?: string;
  ownerIdAttribute?: string;
  idempotencyKeyAttribute?: string;
}

/** The consumer's most recent error, as stored in `sources.last_error` (JSON). */
export interface SourceLastError {
  code: string;
  message: string;
  at: number;
}

/** A source row. Credentials stay encrypted (AAD = source id). */
export interface StoredSource {
  id: string;
  tenantId: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  credentialsEncrypted: string | null;
  workers: number;
  format: SourceFormat;
  raw: RawFormatOptions | null;
  status: SourceStatusValue;
  /** Bumped on every change a running consumer must pick up. */
  version: number;
  lastError: SourceLastError | null;
  createdAt: number;
  updatedAt: number;
}

/** A source with the worker holding its lease (if the lease is live) and its flushed counters. */
export interface SourceWithLease extends StoredSource {
  workerId: string | null;
  metrics: SourceCounts;
  lastMessageAt: number | null;
}

export interface SourceChanges {
  name?: string;
  config?: Record<string, unknown>;
  /** `null` removes the credentials. */
  credentialsEncrypted?: string | null;
  workers?: number;
  format?: SourceFormat;
  raw?: RawFormatOptions | null;
  status?: SourceStatusValue;
  /** Whether the change bumps `version` (a running consumer must be replaced). */
  bumpVersion: boolean;
  updatedAt: number;
}

export interface StoredDeadLetter {
  id: string;
  tenantId: string;
  sourceId: string;
  messageId: string;
  body: Buffer;
  attributes: Record<string, string>;
  /** `{ code, message, errors }`, as in the contract's DeadLetterReason. */
  reason: { code: string; message: string; errors: { field: string; message: string }[] };
  receivedAt: number;
  replayedAt: number | null;
  replayedEventId: string | null;
}

/** Storage of sources and their dead letters. Every method is scoped by tenant. */
export interface SourceRepository {
  insert(source: StoredSource): Promise<void>;
  /** The source with its live lease holder at `now`. */
  get(tenantId: string, id: string, now: number): Promise<SourceWithLease | undefined>;
  list(tenantId: string, page: PageRequest, now: number): Promise<Page<SourceWithLease>>;
  update(tenantId: string, id: string, changes: SourceChanges): Promise<boolean>;
  /** Deletes the source, its lease, its counters and its dead letters. */
  delete(tenantId: string, id: string): Promise<boolean>;
  insertDeadLetter(deadLetter: StoredDeadLetter): Promise<void>;
  getDeadLetter(tenantId: string, sourceId: string, id: string): Promise<StoredDeadLetter | undefined>;
  listDeadLetters(tenantId: string, sourceId: string, page: PageRequest): Promise<Page<StoredDeadLetter>>;
  markReplayed(tenantId: string, id: string, eventId: string, at: number): Promise<void>;
}
