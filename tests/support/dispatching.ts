import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { pino } from 'pino';
import {
  EgressRouter,
  EndpointCache,
  HttpSender,
  KeyRing,
  ManualClock,
  SqlInternalLog,
  createDatabase,
  createDispatcher,
  createKnexStorage,
  createMigrator,
  createScheduler,
  derivedDeliveryId,
  encodeRecord,
  generateHmacSecret,
  loadFromRepository,
  newId,
  withOperationsTargets,
  type Clock,
  type Database,
  type DeliveryDispatcher,
  type DeliveryRecord,
  type DeliveryScheduler,
  type DispatcherDeps,
  type InternalLog,
  type SendGate,
  type Storage,
} from '@caravan/core';
import { kafkaTestLog } from './kafkaTestLog.js';
import { createScratchMysqlDatabase, migrationsDir, mysqlSettings, waitFor } from '@caravan/testing';

/** A database and an internal log for pipeline tests. */
export type DispatchBackend = 'sqlite' | 'mariadb' | 'kafka';

export interface DispatchBacking {
  backend: DispatchBackend;
  db: Database;
  /** Every storage port on `db`, as the runtime builds them. */
  storage: Storage;
  log: InternalLog;
  /** Another connection pool on the same database, as a second process would have. */
  connect(): Database;
  cleanup(): Promise<void>;
}

// One partition per topic: every delivery shares it, which is what the head-of-line tests need.
const partitions = { events: 1, deliveries: 1 };

/**
 * `sqlite`: a SQLite file with the SQL log in it. `mariadb`: a scratch MariaDB database with the SQL log.
 * `kafka`: a scratch MariaDB database and Kafka topics of their own.
 */
export async function openDispatchBacking(backend: DispatchBackend): Promise<DispatchBacking> {
  const pools: Database[] = [];
  let connect: () => Database;
  let drop: () => Promise<void>;
  if (backend === 'sqlite') {
    const filename = join(mkdtempSync(join(tmpdir(), 'caravan-dispatch-')), 'caravan.sqlite');
    connect = () => {
      const db = createDatabase({ client: 'sqlite', filename });
      pools.push(db);
      return db;
    };
    drop = () => {
      rmSync(dirname(filename), { recursive: true, force: true });
      return Promise.resolve();
    };
  } else {
    const scratch = await createScratchMysqlDatabase('dispatch');
    pools.push(scratch.db);
    connect = () => {
      const db = createDatabase({ ...mysqlSettings(scratch.name), pool: { min: 0, max: 10 } });
      pools.push(db);
      return db;
    };
    drop = scratch.drop;
  }
  const db = connect();
  await createMigrator({ db, directory: migrationsDir }).latest();
  let log: InternalLog;
  let dropTopics = () => Promise.resolve();
  if (backend === 'kafka') {
    ({ log, dropTopics } = kafkaTestLog('caravan-dispatch-test', { partitions, maxWaitTimeMs: 100 }));
  } else {
    log = new SqlInternalLog({ db, partitions, pollIntervalMs: 20, leaseMs: 1500, retryBackoffMs: 50 });
  }
  return {
    backend,
    db,
    storage: createKnexStorage(db, storageKeyRing),
    log,
    connect,
    async cleanup() {
      await log.close({ graceMs: 0 });
      await dropTopics();
      await Promise.all(pools.map((p) => p.destroy()));
      await drop();
    },
  };
}

/** A key ring of one fresh key, for encrypting test secrets. */
export function testKeyRing(): KeyRing {
  return new KeyRing({
    primaryKeyId: 'test',
    keys: [{ id: 'test', key: randomBytes(32).toString('base64') }],
  });
}

// One key ring for every storage of this process, so a second connection reads what the first sealed.
const storageKeyRing = testKeyRing();

export async function seedTenant(db: Database): Promise<string> {
  const id = newId('tnt');
  const now = Date.now();
  await db('tenants').insert({
    id,
    name: 'Dispatch test',
    ingest_per_second: 1000,
    deliveries_per_second: 1000,
    max_endpoints: 1000,
    max_payload_bytes: 1_048_576,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export interface SeedEndpoint {
  url: string;
  status?: 'active' | 'paused' | 'disabled';
  timeoutMs?: number;
  retrySchedule?: number[] | null;
  headers?: Record<string, string>;
  /** Secrets as `whsec_…`, current first; the others get a grace period ending in an hour. */
  secrets?: string[];
}

/** Inserts an endpoint and its HMAC secrets (encrypted with `keyRing`); answers its id and secrets. */
export async function seedEndpoint(
  db: Database,
  keyRing: KeyRing,
  tenantId: string,
  options: SeedEndpoint,
): Promise<{ id: string; secrets: string[] }> {
  const id = newId('ep');
  const now = Date.now();
  await db('endpoints').insert({
    id,
    tenant_id: tenantId,
    url: options.url,
    event_types: JSON.stringify(['*']),
    headers: JSON.stringify(options.headers ?? {}),
    timeout_ms: options.timeoutMs ?? 5_000,
    retry_schedule: options.retrySchedule ? JSON.stringify(options.retrySchedule) : null,
    signing_scheme: 'hmac',
    payload_format: 'raw',
    status: options.status ?? 'active',
    created_at: now,
    updated_at: now,
  });
  const secrets = options.secrets ?? [generateHmacSecret()];
  for (const [i, secret] of secrets.entries()) {
    const secretId = newId('sec');
    await db('endpoint_secrets').insert({
      id: secretId,
      tenant_id: tenantId,
      endpoint_id: id,
      scheme: 'hmac',
      secret_encrypted: keyRing.encrypt(secret, secretId),
      created_at: now - i,
      expires_at: i === 0 ? null : now + 3_600_000,
    });
  }
  return { id, secrets };
}

export interface SeedDelivery {
  tenantId: string;
  endpointId: string;
  payload?: string;
  headers?: Record<string, string>;
  eventType?: string;
  status?: string;
  attemptCount?: number;
  nextAttemptAt?: number | null;
  createdAt?: number;
}

/** Inserts an event and its delivery to one endpoint, as the router would; answers the delivery's record. */
export async function seedDelivery(db: Database, options: SeedDelivery): Promise<DeliveryRecord> {
  const createdAt = options.createdAt ?? Date.now();
  const eventId = newId('evt', createdAt);
  const deliveryId = derivedDeliveryId(eventId, options.endpointId);
  const payload = options.payload ?? JSON.stringify({ n: randomBytes(4).toString('hex') });
  const eventType = options.eventType ?? 'invoice.paid';
  const headers = options.headers ?? {};
  await db('events').insert({
    id: eventId,
    tenant_id: options.tenantId,
    event_type: eventType,
    payload: Buffer.from(payload, 'utf8'),
    headers: JSON.stringify(headers),
    created_at: createdAt,
  });
  await db('deliveries').insert({
    id: deliveryId,
    tenant_id: options.tenantId,
    event_id: eventId,
    endpoint_id: options.endpointId,
    event_type: eventType,
    status: options.status ?? 'pending',
    attempt_count: options.attemptCount ?? 0,
    next_attempt_at: options.nextAttemptAt ?? null,
    created_at: createdAt,
    updated_at: createdAt,
  });
  return {
    v: 1,
    deliveryId,
    tenantId: options.tenantId,
    endpointId: options.endpointId,
    eventId,
    eventType,
    payload,
    headers,
    eventCreatedAt: createdAt,
    attempt: options.attemptCount ?? 0,
  };
}

/** `n` events and their deliveries to one endpoint, inserted in bulk as the router would; their records. */
export async function seedBacklog(db: Database, tenantId: string, endpointId: string, n: number) {
  const now = Date.now();
  const records: DeliveryRecord[] = [];
  const events = [];
  const deliveries = [];
  for (let i = 0; i < n; i++) {
    const eventId = newId('evt', now);
    const payload = JSON.stringify({ i });
    events.push({
      id: eventId,
      tenant_id: tenantId,
      event_type: 'load.test',
      payload: Buffer.from(payload),
      headers: '{}',
      created_at: now,
    });
    const deliveryId = derivedDeliveryId(eventId, endpointId);
    deliveries.push({
      id: deliveryId,
      tenant_id: tenantId,
      event_id: eventId,
      endpoint_id: endpointId,
      event_type: 'load.test',
      status: 'pending',
      attempt_count: 0,
      next_attempt_at: null,
      created_at: now,
      updated_at: now,
    });
    records.push({
      v: 1,
      deliveryId,
      tenantId,
      endpointId,
      eventId,
      eventType: 'load.test',
      payload,
      headers: {},
      eventCreatedAt: now,
      attempt: 0,
    });
  }
  await db.batchInsert('events', events, 200);
  await db.batchInsert('deliveries', deliveries, 200);
  return records;
}

/** A send gate a test hands the dispatcher; closed after the dispatcher stops when it can be. */
export type TestGate = SendGate & { close?(): Promise<void> };

export interface TestDispatcherOptions<C extends Clock> {
  /** The endpoint cache's TTL; the cache's own default when omitted. */
  cacheTtlMs?: number;
  /** Endpoints resolve the tenant's operations target too, as the worker wires them. */
  operationsTargets?: boolean;
  /** Deliveries leave through egress pools (an `EgressRouter` on the pools in storage), as the worker sends them. */
  egress?: boolean;
  /** The dispatcher's send gates, built on its ports. */
  gates?: (ports: { storage: Storage; endpoints: EndpointCache; clock: C }) => TestGate[];
  /** On a connection pool of its own, as a second worker process would be (same consumer group). */
  ownConnection?: boolean;
  /** Overrides of the dispatcher's own settings. */
  dispatcher?: Partial<DispatcherDeps>;
}

/** One dispatcher the rig started, and what it was composed with. */
export interface StartedDispatcher {
  dispatcher: DeliveryDispatcher;
  endpoints: EndpointCache;
  gates: TestGate[];
  storage: Storage;
}

/** A dispatch backing with a tenant, a sender, and helpers to feed and watch deliveries. */
export interface DispatchRig<C extends Clock = ManualClock> extends DispatchBacking {
  clock: C;
  keyRing: KeyRing;
  tenantId: string;
  sender: HttpSender;
  scheduler: DeliveryScheduler;
  /** Composes a dispatcher through `createKnexStorage`, starts it, and stops it at the test's end. */
  startDispatcher(options?: TestDispatcherOptions<C>): Promise<StartedDispatcher>;
  /** Seeds an endpoint of the rig's tenant. */
  endpoint(options: SeedEndpoint): Promise<{ id: string; secrets: string[] }>;
  /** A receiver closed at the test's end. */
  receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver>;
  /** Appends delivery records to the internal log, keyed by endpoint, as the router does. */
  append(...records: DeliveryRecord[]): Promise<void>;
  waitForStatus(deliveryId: string, status: string, attemptCount?: number): Promise<void>;
}

export type TestDispatcher<C extends Clock = ManualClock> = DispatchRig<C> & StartedDispatcher;

export interface RigOptions<C extends Clock> {
  /** A `ManualClock` at the current time when omitted. */
  clock?: C;
  /** The sender's `ssrf.allowedCidrs` (default: loopback). */
  allowedCidrs?: string[];
}

const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * A dispatch backing on `backend` with a tenant, a loopback-admitting sender and a scheduler; start
 * dispatchers on it with `startDispatcher`. Everything is closed when the test ends.
 */
export async function openDispatchRig<C extends Clock = ManualClock>(
  t: ExecutionContext,
  backend: DispatchBackend,
  options: RigOptions<C> = {},
): Promise<DispatchRig<C>> {
  const backing = await openDispatchBacking(backend);
  const clock = options.clock ?? (new ManualClock(Date.now()) as unknown as C);
  const keyRing = testKeyRing();
  const sender = new HttpSender({ allowedCidrs: options.allowedCidrs ?? ['127.0.0.0/8'], clock });
  // Kafka groups live on the shared broker: one of its own per test, shared by its dispatchers.
  const groupId = `caravan-dispatcher-${randomBytes(4).toString('hex')}`;
  const started: StartedDispatcher[] = [];
  const routers: EgressRouter[] = [];
  const receivers: Receiver[] = [];
  t.teardown(async () => {
    for (const s of started) {
      await s.dispatcher.stop({ graceMs: 0 });
      for (const gate of s.gates) await gate.close?.();
    }
    await Promise.all([...routers.map((r) => r.close()), ...receivers.map((r) => r.close()), sender.close()]);
    await backing.cleanup();
  });
  const tenantId = await seedTenant(backing.db);
  const scheduler = createScheduler({
    log: backing.log,
    deliveries: backing.storage.scheduler,
    clock,
    logger: silentLogger,
  });
  return {
    ...backing,
    clock,
    keyRing,
    tenantId,
    sender,
    scheduler,
    async startDispatcher(o = {}) {
      const storage = o.ownConnection
        ? createKnexStorage(backing.connect(), storageKeyRing)
        : backing.storage;
      const load = loadFromRepository({ endpoints: storage.endpoints, keyRing });
      const endpoints = new EndpointCache({
        load: o.operationsTargets ? withOperationsTargets(load, { tenants: storage.tenants, keyRing }) : load,
        clock,
        ...(o.cacheTtlMs === undefined ? {} : { ttlMs: o.cacheTtlMs }),
      });
      const gates = o.gates?.({ storage, endpoints, clock }) ?? [];
      let egressFor: DispatcherDeps['egressFor'];
      if (o.egress) {
        const router = new EgressRouter({
          pools: storage.egressPools,
          tenantDefaultPool: async (id) => (await storage.tenants.get(id))?.defaultEgressPoolId ?? null,
          connect: sender.connectOptions(),
          clock,
          logger: silentLogger,
        });
        routers.push(router);
        egressFor = (endpoint) => router.routeFor(endpoint);
      }
      const dispatcher = createDispatcher({
        log: backing.log,
        deliveries: storage.dispatch,
        endpoints,
        sender,
        ...(egressFor ? { egressFor } : {}),
        ...(gates.length > 0 ? { gates } : {}),
        clock,
        logger: silentLogger,
        userAgent: 'Caravan/0.0.0-test',
        groupId,
        flushIntervalMs: 10,
        random: () => 0.5,
        ...o.dispatcher,
      });
      const s = { dispatcher, endpoints, gates, storage };
      started.push(s);
      await dispatcher.start();
      return s;
    },
    endpoint: (o) => seedEndpoint(backing.db, keyRing, tenantId, o),
    async receiver(...args) {
      const r = await startReceiver(...args);
      receivers.push(r);
      return r;
    },
    append: (...records) =>
      backing.log.append(
        'deliveries',
        records.map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
      ),
    waitForStatus: (deliveryId, status, attemptCount) =>
      waitFor(async () => {
        const row = await deliveryRow(backing.db, deliveryId);
        return row.status === status && (attemptCount === undefined || row.attempt_count === attemptCount);
      }, `delivery ${deliveryId} to be ${status}`),
  };
}

/**
 * A dispatcher on a test backing, composed as the worker composes it (through `createKnexStorage`) and
 * started: the rig of {@link openDispatchRig} plus its first dispatcher.
 */
export async function startTestDispatcher<C extends Clock = ManualClock>(
  t: ExecutionContext,
  backend: DispatchBackend,
  options: TestDispatcherOptions<C> & RigOptions<C> = {},
): Promise<TestDispatcher<C>> {
  const { clock, allowedCidrs, ...dispatcherOptions } = options;
  const rig = await openDispatchRig<C>(t, backend, {
    ...(clock ? { clock } : {}),
    ...(allowedCidrs ? { allowedCidrs } : {}),
  });
  return { ...rig, ...(await rig.startDispatcher(dispatcherOptions)) };
}

/** A request a test receiver got. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  receivedAt: number;
  /** The address the request came from (the egress address the sender used). */
  remoteAddress: string;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

type Handler = (req: ReceivedRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** A real HTTP server on `host` that records every request and answers with `handler` (default: 204). */
export async function startReceiver(
  handler: Handler = (_req, res) => void res.writeHead(204).end(),
  host = '127.0.0.1',
  port = 0,
): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const req: ReceivedRequest = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: Object.fromEntries(
          Object.entries(raw.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        ),
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
        remoteAddress: raw.socket.remoteAddress ?? '',
      };
      received.push(req);
      void Promise.resolve(handler(req, res, raw)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The delivery row as the tests read it. */
export interface DeliveryRowView {
  status: string;
  attempt_count: number;
  next_attempt_at: number | null;
  claimed_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
}

export async function deliveryRow(db: Database, id: string): Promise<DeliveryRowView> {
  type Row = Omit<DeliveryRowView, 'next_attempt_at' | 'claimed_until'> & {
    next_attempt_at: number | string | null;
    claimed_until: number | string | null;
  };
  const row = await db('deliveries')
    .where({ id })
    .first<Row | undefined>(
      'status',
      'attempt_count',
      'next_attempt_at',
      'claimed_until',
      'last_status_code',
      'last_error',
    );
  if (!row) throw new Error(`no delivery ${id}`);
  return {
    ...row,
    next_attempt_at: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    claimed_until: row.claimed_until === null ? null : Number(row.claimed_until),
  };
}

export interface AttemptRowView {
  attempt_number: number;
  status_code: number | null;
  error_code: string | null;
  error_message: string | null;
  request_headers: Record<string, string>;
  response_headers: Record<string, string> | null;
  response_body_excerpt: string | null;
  duration_ms: number;
  egress_address: string | null;
}

export async function attemptRows(db: Database, deliveryId: string): Promise<AttemptRowView[]> {
  const rows = (await db('attempts').where({ delivery_id: deliveryId }).orderBy('attempt_number')) as (Omit<
    AttemptRowView,
    'request_headers' | 'response_headers'
  > & { request_headers: string; response_headers: string | null })[];
  return rows.map((r) => ({
    attempt_number: r.attempt_number,
    status_code: r.status_code,
    error_code: r.error_code,
    error_message: r.error_message,
    request_headers: JSON.parse(r.request_headers) as Record<string, string>,
    response_headers:
      r.response_headers === null ? null : (JSON.parse(r.response_headers) as Record<string, string>),
    response_body_excerpt: r.response_body_excerpt,
    duration_ms: r.duration_ms,
    egress_address: r.egress_address,
  }));
}
