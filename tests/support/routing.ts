import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqlInternalLog,
  createDatabase,
  createKnexStorage,
  createMigrator,
  KeyRing,
  decodeDeliveryRecord,
  encodeRecord,
  newId,
  type Database,
  type DeliveryRecord,
  type Endpoint,
  type EventRecord,
  type InternalLog,
  type Storage,
} from '@caravan/core';
import { kafkaTestLog } from './kafkaTestLog.js';
import { createScratchMysqlDatabase, migrationsDir } from '@caravan/testing';

// What the storage seals by itself (egress-pool credentials); the router reads none of it.
const storageKeyRing = new KeyRing({
  primaryKeyId: 'routing',
  keys: [{ id: 'routing', key: randomBytes(32).toString('base64') }],
});

/** Where a router test keeps its events: the database and the log engine. */
export type RoutingBackend = 'sqlite' | 'mariadb' | 'kafka';

export interface RoutingBacking {
  db: Database;
  /** Every storage port on `db`, as the runtime builds them. */
  storage: Storage;
  log: InternalLog;
  cleanup(): Promise<void>;
}

const defaultPartitions = { events: 4, deliveries: 4 };

/**
 * A migrated database and a log on it (SQL log) or beside it (Kafka, with a SQLite database), with four
 * partitions per topic unless told.
 */
export async function openBacking(
  backend: RoutingBackend,
  options: { partitions?: { events: number; deliveries: number } } = {},
): Promise<RoutingBacking> {
  const partitions = options.partitions ?? defaultPartitions;
  let db: Database;
  let drop = async () => {};
  if (backend === 'mariadb') {
    const scratch = await createScratchMysqlDatabase('router');
    db = scratch.db;
    drop = scratch.drop;
  } else {
    const filename = join(mkdtempSync(join(tmpdir(), 'caravan-router-')), 'router.sqlite');
    db = createDatabase({ client: 'sqlite', filename });
    drop = () => db.destroy();
  }
  await createMigrator({ db, directory: migrationsDir }).latest();
  let log: InternalLog;
  let dropTopics = async () => {};
  if (backend === 'kafka') {
    ({ log, dropTopics } = kafkaTestLog('caravan-router-test', { partitions, maxWaitTimeMs: 200 }));
  } else {
    log = new SqlInternalLog({ db, partitions, pollIntervalMs: 100, retryBackoffMs: 50 });
  }
  return {
    db,
    storage: createKnexStorage(db, storageKeyRing),
    log,
    cleanup: async () => {
      await log.close({ graceMs: 0 });
      await drop();
      await dropTopics();
    },
  };
}

export async function createTenant(db: Database): Promise<string> {
  const id = newId('tnt');
  const now = Date.now();
  await createKnexStorage(db, storageKeyRing).tenants.insert({
    id,
    name: 'Router test',
    limits: {
      ingestPerSecond: 1000,
      deliveriesPerSecond: 1000,
      maxEndpoints: 1000,
      maxPayloadBytes: 1_048_576,
      eventShards: 2,
    },
    operationsUrl: null,
    hasOperationsSecret: false,
    operationsSecretEncrypted: null,
    defaultEgressPoolId: null,
    requireRegisteredEventTypes: false,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Inserts an endpoint (with a placeholder secret) and answers its id. */
export async function createEndpoint(
  db: Database,
  tenantId: string,
  fields: Partial<Endpoint> = {},
): Promise<string> {
  const now = Date.now();
  const endpoint: Endpoint = {
    id: newId('ep'),
    tenantId,
    url: 'https://receiver.example/hook',
    description: null,
    ownerId: null,
    eventTypes: ['*'],
    filter: null,
    headers: {},
    rateLimit: null,
    maxConcurrency: null,
    timeoutMs: 15_000,
    retrySchedule: null,
    egressPoolId: null,
    signingScheme: 'hmac',
    payloadFormat: 'raw',
    sendTraceparent: false,
    destination: { type: 'http', config: null, credentialsEncrypted: null },
    publicKey: null,
    status: 'active',
    disabledReason: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  const secret = {
    id: newId('sec'),
    tenantId,
    endpointId: endpoint.id,
    scheme: 'hmac' as const,
    secretEncrypted: 'not-used-by-the-router',
    publicKey: null,
    createdAt: now,
    expiresAt: null,
  };
  const result = await createKnexStorage(db, storageKeyRing).endpoints.insert(endpoint, secret);
  if (!result.inserted) throw new Error('endpoint limit reached');
  return endpoint.id;
}

/** An `events` record as ingest appends it. */
export function eventRecord(
  tenantId: string,
  fields: Partial<EventRecord> & { eventType: string },
): EventRecord {
  return {
    v: 1,
    id: newId('evt'),
    tenantId,
    payload: '{}',
    idempotencyKey: null,
    endpointId: null,
    ownerId: null,
    headers: {},
    sourceId: null,
    createdAt: Date.now(),
    ...fields,
  };
}

/**
 * Appends the records as a careful producer does: an append the log calls retriable (a broker that just
 * created the topic, or is busy) is tried again. The router drops repeated records, so a repeat is safe.
 */
export async function appendEvents(log: InternalLog, records: readonly EventRecord[]): Promise<void> {
  const batch = records.map((r) => ({ key: r.id, value: encodeRecord(r) }));
  for (let attempt = 1; ; attempt++) {
    try {
      return await log.append('events', batch);
    } catch (error) {
      if (attempt >= 5 || (error as { retriable?: unknown }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** Collects every `deliveries` record in a group of its own. */
export async function collectDeliveryRecords(log: InternalLog): Promise<DeliveryRecord[]> {
  const got: DeliveryRecord[] = [];
  await log.subscribe({
    // A group of its own per call: Kafka groups span topics, and tests run side by side on one broker.
    groupId: `router-test-collector-${randomBytes(4).toString('hex')}`,
    topic: 'deliveries',
    onRecords: (records) => {
      for (const r of records) {
        got.push(decodeDeliveryRecord(r.value));
        r.done();
      }
    },
  });
  return got;
}
