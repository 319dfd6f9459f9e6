import { randomUUID } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { serviceSetting, waitFor } from '@caravan/testing';
import { createTenant, openBacking, type RoutingBackend } from '../../../tests/support/routing.js';
import { KeyRing } from '../crypto/KeyRing.js';
import { systemClock } from '../domain/Clock.js';
import { decodeEventRecord, type EventRecord } from '../domain/pipelineRecords.js';
import { EventIngestService } from '../ingest/EventIngestService.js';
import { createIngestLimiter } from '../ingest/createIngestLimiter.js';
import { createLimiterStore } from '../limits/LimiterStore.js';
import { EventTypeService } from '../management/EventTypeService.js';
import { SourceService } from '../management/SourceService.js';
import { Registry } from 'prom-client';
import { createLogger, createTelemetry } from '../observability/index.js';
import { KnexEventRepository } from '../storage/knex/KnexEventRepository.js';
import { KnexEventTypeRepository } from '../storage/knex/KnexEventTypeRepository.js';
import { KnexSourceRepository } from '../storage/knex/KnexSourceRepository.js';
import { KnexTenantRepository } from '../storage/knex/KnexTenantRepository.js';
import { systemResolver } from '../dispatcher/systemResolver.js';
import { PluginRegistry, sourcePluginKind } from '../plugins/index.js';
import { SourceAddressGuard } from './SourceAddressGuard.js';
import { createSourceRunner, type SourceRunner } from './SourceRunner.js';

const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
const credentials = { accessKeyId: 'AKIACARAVANRUNNERTEST', secretAccessKey: 'runner' };
const admin = new SQSClient({ endpoint, region, credentials: { ...credentials } });
test.after.always(() => admin.destroy());

const logger = createLogger({
  level: process.env.CARAVAN_TEST_LOG_LEVEL ?? 'silent',
  name: 'source-runner-test',
});
const keyRing = new KeyRing({
  primaryKeyId: 't1',
  keys: [{ id: 't1', key: Buffer.alloc(32, 7).toString('base64') }],
});
const registry = new PluginRegistry(sourcePluginKind, ['@caravan/source-aws-sqs']);
const LEASE_MS = 1_500;

function eachBackend(title: string, fn: (t: ExecutionContext, backend: RoutingBackend) => Promise<void>) {
  for (const backend of ['sqlite', 'mariadb'] as const)
    test(`[${backend}] SourceRunner › ${title}`, (t) => fn(t, backend));
}

async function setup(
  t: ExecutionContext,
  backend: RoutingBackend,
  queueUrlOverride?: string,
  sourceConfig: { maxBatchSize?: number } = {},
) {
  const backing = await openBacking(backend);
  const queue = await admin.send(new CreateQueueCommand({ QueueName: `runner-${randomUUID()}` }));
  const queueUrl = queue.QueueUrl!;
  const runners: SourceRunner[] = [];
  t.teardown(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await admin.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    await backing.cleanup();
  });
  await backing.log.init();
  const { db, log, storage } = backing;
  const tenantId = await createTenant(db);
  const metrics = new Registry();
  const telemetry = createTelemetry({ registry: metrics, tenantLabels: true, version: 'test' });
  const ingest = new EventIngestService({
    log,
    events: new KnexEventRepository({ db }),
    eventTypes: new EventTypeService({ eventTypes: new KnexEventTypeRepository({ db }), clock: systemClock }),
    tenantSettings: (id) => new KnexTenantRepository({ db }).get(id),
    ingestLimiter: createIngestLimiter({ store: createLimiterStore(null) }),
    limitsTtlMs: 100,
    clock: systemClock,
    telemetry,
  });
  const sources = new SourceService({
    sources: new KnexSourceRepository({ db }),
    plugins: registry,
    keyRing,
    clock: systemClock,
    ingest,
  });
  const source = await sources.create(tenantId, {
    name: 'orders',
    type: 'aws-sqs',
    config: {
      queueUrl: queueUrlOverride ?? queueUrl,
      region,
      endpoint,
      waitTimeSeconds: 1,
      visibilityTimeoutSeconds: 2,
      ...sourceConfig,
    },
    credentials,
  });
  const events: EventRecord[] = [];
  const subscription = await log.subscribe({
    groupId: `runner-test-${randomUUID()}`,
    topic: 'events',
    onRecords: (records) => {
      for (const r of records) {
        events.push(decodeEventRecord(r.value));
        r.done();
      }
    },
  });
  t.teardown(() => subscription.stop({ graceMs: 0 }));
  const runner = (workerId: string) => {
    const r = createSourceRunner({
      leases: storage.sourceLeases({ workerId, leaseMs: LEASE_MS }),
      deadLetters: storage.sources,
      metrics: storage.sourceMetrics,
      registry,
      keyRing,
      ingest,
      clock: systemClock,
      logger,
      // The brokers of the test services listen on loopback.
      addressGuard: new SourceAddressGuard({
        allowedHosts: ['*'],
        allowedCidrs: ['127.0.0.0/8', '::1/128'],
        resolve: systemResolver,
      }),
      pollMs: 200,
      telemetry,
    });
    runners.push(r);
    return r;
  };
  const publish = async (bodies: string[]) => {
    const sent = await admin.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.map((body, i) => ({
          Id: String(i),
          MessageBody: body,
          MessageAttributes: { region: { DataType: 'String', StringValue: 'eu' } },
        })),
      }),
    );
    return bodies.map((_, i) => sent.Successful!.find((s) => s.Id === String(i))!.MessageId!);
  };
  return { db, tenantId, source, events, runner, publish, sources, metrics };
}

eachBackend(
  "the metrics count the source's events as ingested and show its broker's backlog, by tenant and source",
  async (t, backend) => {
    const { tenantId, source, events, runner, publish, metrics } = await setup(t, backend);
    const lag = async () => (await metrics.getSingleMetric('caravan_source_lag_messages')!.get()).values;
    t.deepEqual(await lag(), [], 'nothing to report before a consumer runs');
    await publish([
      '{"eventType":"order.created","payload":{"n":1}}',
      '{"eventType":"order.paid","payload":{}}',
    ]);
    await runner('worker-a').start();
    await waitFor(() => events.length >= 2, 'two events');
    await waitFor(async () => (await lag()).length === 1, 'the backlog of the running source');
    t.deepEqual((await lag())[0]?.labels, { type: 'aws-sqs', tenant: tenantId, source: source.id });
    const ingested = (await metrics.getSingleMetric('caravan_events_ingested_total')!.get()).values;
    t.deepEqual(
      ingested.map((v) => [v.labels, v.value]),
      [[{ via: 'source', tenant: tenantId }, 2]],
    );
  },
);

eachBackend(
  'valid messages become events of the source tenant; invalid ones dead letters',
  async (t, backend) => {
    const { db, tenantId, source, events, runner, publish, sources } = await setup(t, backend);
    const ids = await publish([
      '{"eventType":"order.created","payload":{"n":1,  "tenantId":"tnt_evil"}}',
      '{"eventType":"order.created","payload":{"n":2}}',
      '{"eventType":',
      '{"eventType":"not a valid type!","payload":{}}',
      '{"eventType":"order.paid","payload":[3],"idempotencyKey":"own-key"}',
    ]);
    await runner('worker-a').start();
    await waitFor(() => events.length >= 3, 'three events');
    const letters = async () => (await sources.listDeadLetters(tenantId, source.id, { limit: 10 })).data;
    await waitFor(async () => (await letters()).length >= 2, 'two dead letters');

    const byPayload = new Map(events.map((e) => [e.payload, e]));
    const first = byPayload.get('{"n":1,  "tenantId":"tnt_evil"}');
    t.truthy(first, 'the payload keeps its exact bytes');
    t.is(first?.tenantId, tenantId);
    t.is(first?.sourceId, source.id);
    t.is(first?.idempotencyKey, `${source.id}:${ids[0]}`);
    t.deepEqual(first?.headers, { region: 'eu' });
    t.is(byPayload.get('[3]')?.idempotencyKey, 'own-key');
    t.is(events.length, 3);

    const dead = await letters();
    t.deepEqual(dead.map((d) => d.messageId).sort(), [ids[2], ids[3]].sort());
    const malformed = dead.find((d) => d.messageId === ids[2])!;
    t.is(malformed.reason.code, 'CARAVAN_MALFORMED_JSON');
    t.is(malformed.body.toString(), '{"eventType":');
    t.deepEqual(malformed.attributes, { region: 'eu' });
    const invalid = dead.find((d) => d.messageId === ids[3])!;
    t.is(invalid.reason.code, 'CARAVAN_VALIDATION_FAILED');
    t.deepEqual(
      invalid.reason.errors.map((e) => e.field),
      ['/body/eventType'],
    );

    const lease = (await db('source_leases').where({ source_id: source.id }).first()) as {
      worker_id: string;
    };
    t.is(lease.worker_id, 'worker-a');
    t.is((await sources.get(tenantId, source.id)).workerId, 'worker-a');

    // The counters reach the API's view once the runner flushed them.
    await waitFor(
      async () => (await sources.get(tenantId, source.id)).metrics.messagesRejected === 2,
      'the counters to be flushed',
    );
    const shown = await sources.get(tenantId, source.id);
    t.deepEqual(shown.metrics, {
      messagesReceived: 5,
      eventsAccepted: 3,
      messagesRetried: 0,
      messagesRejected: 2,
    });
    t.true((shown.lastMessageAt ?? 0) > shown.createdAt, 'lastMessageAt is set');
  },
);

eachBackend('a worker that joins takes its fair share of the sources from the first', async (t, backend) => {
  const { db, tenantId, source, runner, sources } = await setup(t, backend);
  for (const name of ['billing', 'shipping', 'audit']) {
    await sources.create(tenantId, { name, type: source.type, config: source.config, credentials });
  }
  const held = async (worker: string) =>
    (await db('source_leases').where({ worker_id: worker }).andWhere('expires_at', '>', Date.now())).length;
  await runner('worker-a').start();
  t.is(await held('worker-a'), 4, 'alone, the first worker takes every source');
  await runner('worker-b').start();
  await waitFor(
    async () => (await held('worker-a')) === 2 && (await held('worker-b')) === 2,
    'two sources on each worker',
    LEASE_MS * 8,
  );
  await runner('worker-c').start();
  await waitFor(
    async () => {
      const counts = await Promise.all(['worker-a', 'worker-b', 'worker-c'].map(held));
      return counts.every((n) => n >= 1 && n <= 2) && counts.reduce((a, b) => a + b) === 4;
    },
    'at most two sources per worker, all four held',
    LEASE_MS * 8,
  );
  t.pass();
});

eachBackend(
  'a worker that dies without releasing loses its sources to another within a few leases',
  async (t, backend) => {
    const { db, source, events, runner, publish } = await setup(t, backend);
    const a = runner('worker-a');
    await a.start();
    const b = runner('worker-b');
    await b.start();
    const holder = async () =>
      (
        (await db('source_leases').where({ source_id: source.id }).first()) as
          { worker_id: string } | undefined
      )?.worker_id;
    t.is(await holder(), 'worker-a');
    await publish(['{"eventType":"order.created","payload":1}']);
    await waitFor(() => events.length === 1, 'the first event');

    await a.stop({ release: false });
    t.is(await holder(), 'worker-a', 'the dead worker kept its lease row');
    await publish(['{"eventType":"order.created","payload":2}']);
    await waitFor(async () => (await holder()) === 'worker-b', 'worker-b to take the source', LEASE_MS * 6);
    await waitFor(() => events.some((e) => e.payload === '2'), 'the event published after the crash');
    const lease = (await db('source_leases').where({ source_id: source.id }).first()) as {
      fencing_token: number;
    };
    t.is(Number(lease.fencing_token), 2, 'the takeover bumped the fencing token');
  },
);

eachBackend('pausing stops consuming and releases the lease; resuming takes it again', async (t, backend) => {
  const { db, tenantId, source, events, runner, publish, sources } = await setup(t, backend);
  await runner('worker-a').start();
  await sources.setPaused(tenantId, source.id, true);
  await waitFor(
    async () => (await db('source_leases').where({ source_id: source.id })).length === 0,
    'release',
  );
  await publish(['{"eventType":"order.created","payload":1}']);
  await sources.setPaused(tenantId, source.id, false);
  await waitFor(() => events.length === 1, 'the event after resuming');
  t.pass();
});

eachBackend(
  'a consumer that cannot start records lastError and is retried with back-off',
  async (t, backend) => {
    const missing = `${endpoint}/000000000000/missing-${randomUUID()}`;
    const { tenantId, source, runner, sources } = await setup(t, backend, missing);
    await runner('worker-a').start();
    await waitFor(async () => (await sources.get(tenantId, source.id)).lastError !== null, 'lastError');
    const failed = await sources.get(tenantId, source.id);
    t.regex(failed.lastError?.code ?? '', /^CARAVAN_SOURCE_/);
    t.is(failed.workerId, 'worker-a', 'the worker keeps the lease while it retries');
  },
);

eachBackend(
  "over the tenant's ingest limit messages wait in the broker (retry-later) and none is lost",
  async (t, backend) => {
    const { db, tenantId, source, events, runner, publish, sources } = await setup(t, backend, undefined, {
      maxBatchSize: 1,
    });
    await db('tenants').where({ id: tenantId }).update({ ingest_per_second: 2 });
    const ids = await publish(
      Array.from({ length: 8 }, (_, n) => `{"eventType":"order.created","payload":${n}}`),
    );
    await runner('worker-a').start();
    await waitFor(
      () => new Set(events.map((e) => e.id)).size >= ids.length,
      'every message as an event',
      60_000,
    );
    t.deepEqual(events.map((e) => e.payload).sort(), ['0', '1', '2', '3', '4', '5', '6', '7']);
    t.deepEqual((await sources.listDeadLetters(tenantId, source.id, { limit: 10 })).data, []);
    // Two per window: eight events need at least four windows, so they were ingested over several seconds
    // and never more than two windows' worth in one clock second.
    const perSecond = new Map<number, number>();
    for (const e of events)
      perSecond.set(Math.floor(e.createdAt / 1000), (perSecond.get(Math.floor(e.createdAt / 1000)) ?? 0) + 1);
    const counts = [...perSecond.values()];
    t.true(Math.max(...counts) <= 4, `events per second: ${counts.join(' ')}`);
    t.true(
      Math.max(...events.map((e) => e.createdAt)) - Math.min(...events.map((e) => e.createdAt)) >= 2_000,
    );
  },
);
