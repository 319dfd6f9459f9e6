import { randomUUID } from 'node:crypto';
import test from 'ava';
import { PubSub } from '@google-cloud/pubsub';
import type { SourceMessage } from '@caravan/source-api';
import { openNetwork } from '@caravan/source-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { gcpPubSubSource } from './gcpPubSubSource.js';

// Its own file (its own worker process): process warnings are global, and the conformance suite's
// admin client is not the plugin's.
// The suite turns metadata detection off for every test (METADATA_SERVER_DETECTION=none); this one
// checks that the plugin itself never starts it on an emulator, as in `caravan dev`.
delete process.env.METADATA_SERVER_DETECTION;
const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');

test('gcp-pubsub › a source on an emulator pulls without probing the GCE metadata server (no MetadataLookupWarning)', async (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));

  const admin = new PubSub({
    projectId,
    apiEndpoint: emulatorHost,
    emulatorMode: true,
    universeDomain: 'googleapis.com',
  });
  t.teardown(() => admin.close());
  const name = `warnings-${randomUUID()}`;
  const [topic] = await admin.createTopic(name);
  await topic.createSubscription(`${name}-sub`);
  t.teardown(async () => {
    await admin.subscription(`${name}-sub`).delete();
    await topic.delete();
  });

  const consumer = gcpPubSubSource.create({
    config: { projectId, subscription: `${name}-sub`, emulatorHost },
    credentials: null,
    workers: 1,
    sourceId: 'src_warnings',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    network: openNetwork,
  });
  const received: SourceMessage[] = [];
  let fail: unknown;
  await consumer.start({
    deliver: (messages) => {
      received.push(...messages);
      return Promise.resolve(messages.map(() => ({ kind: 'accepted' }) as const));
    },
    fail: (error) => (fail = error),
  });
  t.teardown(() => consumer.stop());
  await topic.publishMessage({ data: Buffer.from('{"n":1}') });
  for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  await consumer.stop();

  t.is(fail, undefined);
  t.is(received.length, 1);
  t.deepEqual(warnings, []);
});
