import test from 'ava';
import { ManualClock, newId } from '@caravan/core';
import { createTenantWithKey, eachBackend, type ApiHarness } from '../../support/apiHarness.js';
import { declaredPluginIds } from '@caravan/testing';

const T0 = Date.UTC(2026, 2, 1, 12);
const QUEUE = 'http://127.0.0.1:9324/000000000000/orders';
const sqs = (extra: Record<string, unknown> = {}) => ({
  name: 'orders (SQS)',
  type: 'aws-sqs',
  config: { queueUrl: QUEUE, region: 'eu-west-1', endpoint: 'http://127.0.0.1:9324' },
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'super-secret-value' },
  workers: 2,
  ...extra,
});
const fieldsOf = (body: { errors?: { field: string }[] }) =>
  [...new Set((body.errors ?? []).map((e) => e.field))].sort();

async function createSource(api: ApiHarness, key: string, body: Record<string, unknown> = sqs()) {
  const res = await api.request('POST', '/v1/sources', { key, body });
  if (res.status !== 201) throw new Error(`createSource answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string } & Record<string, unknown>;
}

eachBackend(
  test,
  'sources › create, get, list and update an aws-sqs source; credentials are never returned',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await createSource(api, key);
    t.regex(created.id, /^src_[0-9A-Z]{26}$/);
    t.like(created, {
      name: 'orders (SQS)',
      type: 'aws-sqs',
      hasCredentials: true,
      workers: 2,
      format: 'caravan',
      raw: null,
      status: { state: 'running', workerId: null, lastError: null, lastMessageAt: null },
    });
    t.false(JSON.stringify(created).includes('super-secret-value'));
    t.false('credentials' in created);

    const stored = (await api.db('sources').where({ id: created.id }).first()) as {
      credentials_encrypted: string;
    };
    t.false(stored.credentials_encrypted.includes('super-secret-value'), 'encrypted at rest');

    const got = await api.request('GET', `/v1/sources/${created.id}`, { key });
    t.is(got.status, 200);
    t.deepEqual(got.body, created);

    await createSource(api, key, sqs({ name: 'second', credentials: undefined }));
    const list = await api.request('GET', '/v1/sources?limit=1', { key });
    t.is(list.status, 200);
    t.is(list.body.data.length, 1);
    t.is(list.body.data[0].name, 'second', 'newest first');
    t.false(list.body.data[0].hasCredentials);
    const next = await api.request('GET', `/v1/sources?limit=1&cursor=${list.body.nextCursor}`, { key });
    t.is(next.body.data[0].id, created.id);
    t.is(next.body.nextCursor, null);

    const before = (await api.db('sources').where({ id: created.id }).first()) as { version: number };
    const renamed = await api.request('PATCH', `/v1/sources/${created.id}`, {
      key,
      body: { name: 'renamed' },
    });
    t.is(renamed.status, 200);
    t.is(renamed.body.name, 'renamed');
    const afterName = (await api.db('sources').where({ id: created.id }).first()) as { version: number };
    t.is(Number(afterName.version), Number(before.version), 'a new name does not restart the consumer');

    const rotated = await api.request('PATCH', `/v1/sources/${created.id}`, {
      key,
      body: {
        credentials: { accessKeyId: 'AKIAIOSFODNN7NEWKEY', secretAccessKey: 'another-secret' },
        workers: 4,
      },
    });
    t.is(rotated.status, 200);
    t.like(rotated.body, { hasCredentials: true, workers: 4 });
    t.false(JSON.stringify(rotated.body).includes('another-secret'));
    const afterRotation = (await api.db('sources').where({ id: created.id }).first()) as { version: number };
    t.is(Number(afterRotation.version), Number(before.version) + 1, 'new credentials bump the version');

    const removed = await api.request('PATCH', `/v1/sources/${created.id}`, {
      key,
      body: { credentials: null },
    });
    t.is(removed.body.hasCredentials, false);
  },
);

eachBackend(
  test,
  'sources › config, credentials and format are validated naming the fields',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const bad = await api.request('POST', '/v1/sources', {
      key,
      body: sqs({
        config: { queueUrl: 'not a url', regoin: 'eu-west-1' },
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      }),
    });
    t.is(bad.status, 400);
    t.deepEqual(fieldsOf(bad.body), [
      '/body/config/queueUrl',
      '/body/config/region',
      '/body/config/regoin',
      '/body/credentials/secretAccessKey',
    ]);

    const raw = await api.request('POST', '/v1/sources', { key, body: sqs({ format: 'raw' }) });
    t.is(raw.status, 400);
    t.deepEqual(fieldsOf(raw.body), ['/body/raw']);

    const unknownType = await api.request('POST', '/v1/sources', { key, body: sqs({ type: 'acme-queue' }) });
    t.is(unknownType.status, 404);
    t.is(unknownType.body.code, 'CARAVAN_SOURCE_TYPE_NOT_FOUND');

    const created = await createSource(api, key);
    const badUpdate = await api.request('PATCH', `/v1/sources/${created.id}`, {
      key,
      body: {
        config: { queueUrl: QUEUE },
        credentials: { secretAccessKey: 'x', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', extra: 1 },
      },
    });
    t.is(badUpdate.status, 400);
    t.deepEqual(fieldsOf(badUpdate.body), ['/body/config/region', '/body/credentials/extra']);
    const rawOk = await api.request('PATCH', `/v1/sources/${created.id}`, {
      key,
      body: { format: 'raw', raw: { eventTypeAttribute: 'type', ownerIdAttribute: 'customer' } },
    });
    t.is(rawOk.status, 200);
    t.deepEqual(rawOk.body.raw, { eventTypeAttribute: 'type', ownerIdAttribute: 'customer' });
  },
);

eachBackend(test, 'sources › pause and resume; deleting removes the source', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const { id } = await createSource(api, key);
  const paused = await api.request('POST', `/v1/sources/${id}/pause`, { key });
  t.is(paused.status, 200);
  t.is(paused.body.status.state, 'paused');
  const again = await api.request('POST', `/v1/sources/${id}/pause`, { key });
  t.is(again.body.status.state, 'paused');
  t.is(again.body.updatedAt, paused.body.updatedAt, 'pausing a paused source changes nothing');
  t.is((await api.request('GET', `/v1/sources/${id}`, { key })).body.status.state, 'paused');
  const resumed = await api.request('POST', `/v1/sources/${id}/resume`, { key });
  t.is(resumed.status, 200);
  t.is(resumed.body.status.state, 'running');

  t.is((await api.request('DELETE', `/v1/sources/${id}`, { key })).status, 204);
  const gone = await api.request('GET', `/v1/sources/${id}`, { key });
  t.is(gone.status, 404);
  t.is(gone.body.code, 'CARAVAN_SOURCE_NOT_FOUND');
  t.is((await api.request('DELETE', `/v1/sources/${id}`, { key })).status, 404);
});

eachBackend(test, 'source types › lists every installed source plugin with its schemas', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const list = await api.request('GET', '/v1/source-types', { key });
  t.is(list.status, 200);
  t.deepEqual(
    list.body.data.map((p: { id: string }) => p.id).sort(),
    await declaredPluginIds('source'),
    'what is installed, with no list in config',
  );
  for (const type of list.body.data) {
    t.is(type.apiVersion, 1);
    t.is(type.configSchema.type, 'object');
    t.is(type.configSchema.additionalProperties, false);
    t.is(type.credentialsSchema.type, 'object');
  }
  const sqsType = await api.request('GET', '/v1/source-types/aws-sqs', { key });
  t.is(sqsType.status, 200);
  t.deepEqual(sqsType.body.configSchema.required, ['queueUrl', 'region']);
  const missing = await api.request('GET', '/v1/source-types/acme-queue', { key });
  t.is(missing.status, 404);
  t.is(missing.body.code, 'CARAVAN_SOURCE_TYPE_NOT_FOUND');
});

eachBackend(
  test,
  'dead letters › listed newest first; replay ingests a fixed message and records the event',
  async (t, api) => {
    const { key, tenantId } = await createTenantWithKey(api);
    const { id } = await createSource(api, key);
    // Dead letters are written by the source runner; here they are stored as it stores them.
    const letter = (n: number, body: string) => ({
      id: newId('dl', T0 + n),
      tenant_id: tenantId,
      source_id: id,
      message_id: `m-${n}`,
      body: Buffer.from(body),
      attributes: JSON.stringify({ region: 'eu' }),
      reason: JSON.stringify({
        code: 'CARAVAN_MALFORMED_JSON',
        message: '/body: is not UTF-8 JSON',
        errors: [{ field: '/body', message: 'is not UTF-8 JSON' }],
      }),
      received_at: T0 + n,
      replayed_at: null,
      replayed_event_id: null,
    });
    await api
      .db('dead_letters')
      .insert([letter(1, '{"eventType":"order.created","payload":{"n":1}}'), letter(2, '{"eventType":')]);
    const list = await api.request('GET', `/v1/sources/${id}/dead-letters`, { key });
    t.is(list.status, 200);
    t.deepEqual(
      list.body.data.map((d: { messageId: string }) => d.messageId),
      ['m-2', 'm-1'],
    );
    t.is(Buffer.from(list.body.data[0].body, 'base64').toString(), '{"eventType":');
    t.deepEqual(list.body.data[0].reason.errors, [{ field: '/body', message: 'is not UTF-8 JSON' }]);

    const [broken, fixable] = list.body.data as { id: string }[];
    const still = await api.request('POST', `/v1/sources/${id}/dead-letters/${broken!.id}/replay`, { key });
    t.is(still.status, 400);
    t.is(still.body.code, 'CARAVAN_MALFORMED_JSON');
    t.deepEqual(fieldsOf(still.body), ['/body'], 'named in the message, as its dead letter is');

    const replayed = await api.request('POST', `/v1/sources/${id}/dead-letters/${fixable!.id}/replay`, {
      key,
    });
    t.is(replayed.status, 202);
    t.regex(replayed.body.id, /^evt_/);
    const after = await api.request('GET', `/v1/sources/${id}/dead-letters`, { key });
    t.is(after.body.data[1].replayedEventId, replayed.body.id);
    t.not(after.body.data[1].replayedAt, null);
    t.is(after.body.data[0].replayedAt, null, 'a failed replay leaves the dead letter as it was');
    const twice = await api.request('POST', `/v1/sources/${id}/dead-letters/${fixable!.id}/replay`, { key });
    t.is(twice.body.id, replayed.body.id, 'the broker message id keeps one event');

    const missing = await api.request('POST', `/v1/sources/${id}/dead-letters/${newId('dl')}/replay`, {
      key,
    });
    t.is(missing.status, 404);
    t.is(missing.body.code, 'CARAVAN_DEAD_LETTER_NOT_FOUND');
  },
  { clock: () => new ManualClock(T0 + 10) },
);

eachBackend(
  test,
  "sources › a second tenant gets 404 for the first tenant's source and dead letters",
  async (t, api) => {
    const first = await createTenantWithKey(api, 'First');
    const second = await createTenantWithKey(api, 'Second');
    const { id } = await createSource(api, first.key);
    const key = second.key;
    for (const [method, path, body] of [
      ['GET', `/v1/sources/${id}`, undefined],
      ['PATCH', `/v1/sources/${id}`, { name: 'x' }],
      ['POST', `/v1/sources/${id}/pause`, undefined],
      ['POST', `/v1/sources/${id}/resume`, undefined],
      ['GET', `/v1/sources/${id}/dead-letters`, undefined],
      ['POST', `/v1/sources/${id}/dead-letters/${newId('dl')}/replay`, undefined],
      ['DELETE', `/v1/sources/${id}`, undefined],
    ] as const) {
      const res = await api.request(method, path, body ? { key, body } : { key });
      t.is(res.status, 404, `${method} ${path}`);
      t.is(res.body.code, 'CARAVAN_SOURCE_NOT_FOUND');
    }
    t.is((await api.request('GET', '/v1/sources', { key })).body.data.length, 0);
    t.is((await api.request('GET', `/v1/sources/${id}`, { key: first.key })).status, 200);
  },
);

eachBackend(
  test,
  'sources › hosts outside the operator’s sources.allowedHosts are refused, naming the field',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const refused = await api.request('POST', '/v1/sources', {
      key,
      body: {
        name: 'cluster',
        type: 'kafka',
        config: { brokers: ['127.0.0.1:9092', '169.254.169.254:80'], topic: 'orders', groupId: 'caravan' },
      },
    });
    t.is(refused.status, 400, JSON.stringify(refused.body));
    t.deepEqual(fieldsOf(refused.body), ['/body/config/brokers/1']);
    t.regex(JSON.stringify(refused.body), /169\.254\.169\.254:80 is not allowed/);

    const emulator = await api.request('POST', '/v1/sources', {
      key,
      body: {
        name: 'pubsub',
        type: 'gcp-pubsub',
        config: { projectId: 'p', subscription: 'orders', emulatorHost: 'pubsub.internal.example:8085' },
      },
    });
    t.is(emulator.status, 400);
    t.deepEqual(fieldsOf(emulator.body), ['/body/config/emulatorHost']);

    const googleDefault = await api.request('POST', '/v1/sources', {
      key,
      body: { name: 'pubsub', type: 'gcp-pubsub', config: { projectId: 'p', subscription: 'orders' } },
    });
    t.is(googleDefault.status, 400, 'Google’s default Pub/Sub host is subject to the allowlist too');
    t.deepEqual(googleDefault.body.errors, [
      {
        field: '/body/config/apiEndpoint',
        message: 'host pubsub.googleapis.com:443 is not allowed by this installation (sources.allowedHosts)',
      },
    ]);

    const hostFirst = await api.request('POST', '/v1/sources', {
      key,
      body: {
        name: 'cluster',
        type: 'kafka',
        config: {
          brokers: ['10.0.0.9:9092'],
          topic: 'orders',
          groupId: 'caravan',
          maxBatchSize: 0,
          extra: 1,
        },
      },
    });
    t.is(hostFirst.status, 400);
    t.deepEqual(
      fieldsOf(hostFirst.body),
      ['/body/config/brokers/0'],
      'a refused host is the answer before any schema detail',
    );

    const { id } = await createSource(api, key); // SQS on 127.0.0.1: allowed
    const moved = await api.request('PATCH', `/v1/sources/${id}`, {
      key,
      body: { config: { queueUrl: 'http://10.1.2.3/000000000000/orders', region: 'eu-west-1' } },
    });
    t.is(moved.status, 400);
    t.deepEqual(fieldsOf(moved.body), ['/body/config/queueUrl']);
    const unchanged = await api.request('GET', `/v1/sources/${id}`, { key });
    t.is(unchanged.body.config.queueUrl, QUEUE, 'nothing half-written');
  },
  { env: { CARAVAN_SOURCE_ALLOWED_HOSTS: '127.0.0.0/8,*.amazonaws.com' } },
);

eachBackend(
  test,
  'sources › broker addresses go through the SSRF guard: loopback, metadata and private addresses are refused unless the operator admits them',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const create = (type: string, config: Record<string, unknown>) =>
      api.request('POST', '/v1/sources', { key, body: { name: 'probe', type, config } });
    const kafka = await create('kafka', {
      brokers: ['169.254.169.254:80', '127.0.0.1:39092'],
      topic: 'orders',
      groupId: 'caravan',
    });
    t.is(kafka.status, 400, JSON.stringify(kafka.body));
    t.deepEqual(kafka.body.errors, [
      {
        field: '/body/config/brokers/0',
        message:
          'host 169.254.169.254 is 169.254.169.254, a cloud instance metadata address, which this installation does not allow (ssrf.allowedCidrs)',
      },
      {
        field: '/body/config/brokers/1',
        message:
          'host 127.0.0.1 is 127.0.0.1, a loopback address, which this installation does not allow (ssrf.allowedCidrs)',
      },
    ]);
    const sqsEndpoint = await create('aws-sqs', {
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/000000000000/orders',
      region: 'eu-west-1',
      endpoint: 'http://10.0.0.7:9324',
    });
    t.is(sqsEndpoint.status, 400);
    t.deepEqual(fieldsOf(sqsEndpoint.body), ['/body/config/endpoint']);
    const sqsLocalName = await create('aws-sqs', {
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/000000000000/orders',
      region: 'eu-west-1',
      endpoint: 'http://localhost:9324',
    });
    t.is(sqsLocalName.status, 400, 'a name is judged by the addresses it resolves to');
    t.deepEqual(fieldsOf(sqsLocalName.body), ['/body/config/endpoint']);
    const pubsub = await create('gcp-pubsub', {
      projectId: 'p',
      subscription: 'orders',
      apiEndpoint: '127.0.0.2:8085',
    });
    t.is(pubsub.status, 400);
    t.deepEqual(fieldsOf(pubsub.body), ['/body/config/apiEndpoint']);
    t.deepEqual((await api.request('GET', '/v1/sources', { key })).body.data, [], 'nothing was stored');
  },
  { env: { CARAVAN_SSRF_ALLOWED_CIDRS: '', CARAVAN_SOURCE_ALLOWED_HOSTS: '*' } },
);
