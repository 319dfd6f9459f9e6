import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  DESTINATION_API_VERSION,
  defineDestinationPlugin,
  type DestinationMessage,
  type DestinationOutcome,
} from '@caravan/destination-api';
import { MemoryTopic, memoryTopicDestination } from '@caravan/destination-api/testing';
import { ManualClock } from '../domain/Clock.js';
import type {
  DestinationTarget,
  SendRequest,
  SendResult,
  WebhookSender,
} from '../dispatcher/WebhookSender.js';
import { createLogger } from '../observability/index.js';
import { destinationPluginKind, PluginRegistry } from '../plugins/index.js';
import { DestinationSender } from './DestinationSender.js';
import { ProducerPool } from './ProducerPool.js';

const scripted: { outcome: DestinationOutcome; calls: DestinationMessage[][]; closed: number } = {
  outcome: { kind: 'delivered' },
  calls: [],
  closed: 0,
};
const scriptedPlugin = defineDestinationPlugin<Record<string, never>, null>({
  id: 'scripted-bus',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Scripted',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  create: () => ({
    send: (batch) => {
      scripted.calls.push([...batch]);
      return Promise.resolve(batch.map(() => scripted.outcome));
    },
    close: () => {
      scripted.closed += 1;
      return Promise.resolve();
    },
  }),
});

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const httpRequests: SendRequest[] = [];
  const http: WebhookSender = {
    send: (request) => {
      httpRequests.push(request);
      return Promise.resolve({ statusCode: 200, error: null } as SendResult);
    },
    close: () => Promise.resolve(),
  };
  const plugins = new PluginRegistry(destinationPluginKind, ['memory', 'scripted'], (s) =>
    Promise.resolve({ default: s === 'memory' ? memoryTopicDestination : scriptedPlugin }),
  );
  const logger = createLogger({ level: 'silent', name: 'test' });
  const sender = new DestinationSender({
    http,
    producers: new ProducerPool({ plugins, clock, logger }),
    clock,
  });
  return { sender, httpRequests };
}

const request = (destination?: DestinationTarget, n = 0): SendRequest => ({
  url: 'https://receiver.example/hook',
  headers: {
    'content-type': 'application/json',
    'user-agent': 'Caravan/test',
    'webhook-id': `evt_${n}`,
    'webhook-timestamp': '1767225600',
    'webhook-signature': 'v1,abc',
    'webhook-event-type': 'invoice.paid',
    'x-custom': 'yes',
  },
  body: Buffer.from(`{"n":${n}}`),
  timeoutMs: 1000,
  ...(destination ? { destination } : {}),
});

const target = (type: string, config: Record<string, unknown>, version = '1'): DestinationTarget => ({
  tenantId: 'tnt_A',
  endpointId: 'ep_A',
  type,
  config,
  credentials: null,
  version,
});

test('DestinationSender › an endpoint without a destination goes over HTTP', async (t) => {
  const { sender, httpRequests } = setup();
  const result = await sender.send(request());
  t.is(result.statusCode, 200);
  t.is(httpRequests.length, 1);
});

test('DestinationSender › a broker destination gets the signed body and headers as attributes, user-agent aside', async (t) => {
  const { sender, httpRequests } = setup();
  const topic = MemoryTopic.create(`sender-${randomUUID()}`);
  const result = await sender.send(request(target('caravan-memory', { topic: topic.name })));
  t.is(result.error, null);
  t.is(httpRequests.length, 0, 'nothing went over HTTP');
  const [message] = topic.read();
  t.is(message?.id, 'evt_0');
  t.is(message?.key, 'ep_A', 'the endpoint is the ordering key');
  t.is(Buffer.from(message!.body).toString(), '{"n":0}');
  t.deepEqual(message?.attributes, {
    'content-type': 'application/json',
    'webhook-id': 'evt_0',
    'webhook-timestamp': '1767225600',
    'webhook-signature': 'v1,abc',
    'webhook-event-type': 'invoice.paid',
    'x-custom': 'yes',
  });
  await sender.close();
});

test.serial('DestinationSender › deliveries to one endpoint ready at once go out in one batch', async (t) => {
  const { sender } = setup();
  const topic = MemoryTopic.create(`sender-${randomUUID()}`);
  const results = await Promise.all(
    Array.from({ length: 25 }, (_, n) =>
      sender.send(request(target('caravan-memory', { topic: topic.name }), n)),
    ),
  );
  t.true(results.every((r) => r.error === null));
  t.is(topic.read().length, 25);
  scripted.calls.length = 0;
  await Promise.all(Array.from({ length: 3 }, (_, n) => sender.send(request(target('scripted-bus', {}), n))));
  t.deepEqual(
    scripted.calls.map((c) => c.length),
    [1, 1, 1],
    'a plugin without maxBatchSize gets one message a call',
  );
  await sender.close();
});

test.serial(
  'DestinationSender › retry, its wait and failed become attempt errors the retry schedule reads',
  async (t) => {
    const { sender } = setup();
    scripted.outcome = { kind: 'retry', reason: 'throttled', delayMs: 2500 };
    const retried = await sender.send(request(target('scripted-bus', {})));
    t.deepEqual(retried.error, { code: 'destination_unavailable', message: 'throttled' });
    t.deepEqual(retried.responseHeaders, { 'retry-after': '3' });
    scripted.outcome = { kind: 'failed', reason: 'too large' };
    const failed = await sender.send(request(target('scripted-bus', {})));
    t.deepEqual(failed.error, { code: 'destination_rejected', message: 'too large' });
    const unknown = await sender.send(request(target('missing-bus', {})));
    t.is(unknown.error?.code, 'destination_unavailable');
    scripted.outcome = { kind: 'delivered' };
    await sender.close();
  },
);

test.serial(
  'DestinationSender › a new destination version replaces the endpoint’s producer and closes the old one',
  async (t) => {
    const { sender } = setup();
    const closedBefore = scripted.closed;
    await sender.send(request(target('scripted-bus', {}, '1')));
    await sender.send(request(target('scripted-bus', {}, '2')));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    t.is(scripted.closed, closedBefore + 1, 'the old producer is closed');
    await sender.close();
    t.is(scripted.closed, closedBefore + 2, 'close() closes the current one');
  },
);
