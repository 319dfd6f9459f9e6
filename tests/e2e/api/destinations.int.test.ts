import test from 'ava';
import { declaredPluginIds } from '@caravan/testing';
import { createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

const env = {
  CARAVAN_DESTINATION_PLUGINS: '@caravan/destination-aws-sqs',
  CARAVAN_DESTINATION_ALLOWED_HOSTS: '127.0.0.1,*.amazonaws.com',
};
const QUEUE = 'http://127.0.0.1:9324/000000000000/webhooks';
const sqs = {
  type: 'aws-sqs',
  config: { queueUrl: QUEUE, region: 'eu-west-1', endpoint: 'http://127.0.0.1:9324' },
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'destination-secret-value' },
};
const fieldsOf = (body: { errors?: { field: string }[] }) =>
  [...new Set((body.errors ?? []).map((e) => e.field))].sort();

eachBackend(
  test,
  'destination types › lists the installed destination plugins with their schemas; an unknown one is 404',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const list = await api.request('GET', '/v1/destination-types', { key });
    t.is(list.status, 200);
    t.deepEqual(
      list.body.data.map((p: { id: string }) => p.id),
      ['aws-sqs'],
      'exactly what destinations.plugins names, not every installed one',
    );
    const got = await api.request('GET', '/v1/destination-types/aws-sqs', { key });
    t.is(got.status, 200);
    t.is(got.body.apiVersion, 1);
    t.deepEqual(got.body.configSchema.required, ['queueUrl', 'region']);
    const missing = await api.request('GET', '/v1/destination-types/acme-bus', { key });
    t.is(missing.status, 404);
    t.is(missing.body.code, 'CARAVAN_DESTINATION_TYPE_NOT_FOUND');
  },
  { env },
);

eachBackend(
  test,
  'destination types › with no list in config, every installed destination plugin',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const list = await api.request('GET', '/v1/destination-types', { key });
    t.is(list.status, 200);
    t.deepEqual(
      list.body.data.map((p: { id: string }) => p.id).sort(),
      await declaredPluginIds('destination'),
    );
  },
);

eachBackend(
  test,
  'endpoints › an aws-sqs destination is validated, its credentials sealed and never returned',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await api.request('POST', '/v1/endpoints', { key, body: { destination: sqs } });
    t.is(created.status, 201, JSON.stringify(created.body));
    t.is(created.body.url, 'aws-sqs://127.0.0.1:9324');
    t.deepEqual(created.body.destination, { type: 'aws-sqs', config: sqs.config });
    t.false(JSON.stringify(created.body).includes('destination-secret-value'));
    const row = (await api.db('endpoints').where({ id: created.body.id }).first()) as Record<string, unknown>;
    t.false(JSON.stringify(row).includes('destination-secret-value'), 'encrypted at rest');

    const http = await api.request('POST', '/v1/endpoints', {
      key,
      body: { url: 'http://127.0.0.1:9/hook' },
    });
    t.deepEqual(http.body.destination, { type: 'http', config: null }, 'http is the default');

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await api.request('POST', '/v1/endpoints', { key, body });
      t.is(res.status, 400);
      t.deepEqual(fieldsOf(res.body), [field]);
    };
    await bad({ destination: { ...sqs, type: 'acme-bus' } }, '/body/destination/type');
    await bad({ url: 'http://127.0.0.1:9/hook', destination: sqs }, '/body/url');
    await bad({}, '/body/url');
    await bad(
      { destination: { ...sqs, config: { ...sqs.config, queueUrl: 'https://10.1.2.3/000/q' } } },
      '/body/destination/config/queueUrl',
    );
    await bad({ destination: { ...sqs, config: { queueUrl: QUEUE } } }, '/body/destination/config/region');

    const patched = await api.request('PATCH', `/v1/endpoints/${created.body.id}`, {
      key,
      body: { destination: { type: 'aws-sqs', config: { ...sqs.config, region: 'us-east-1' } } },
    });
    t.is(patched.status, 200);
    t.is(patched.body.destination.config.region, 'us-east-1');
    const after = (await api.db('endpoints').where({ id: created.body.id }).first()) as {
      destination_credentials_encrypted: string | null;
    };
    t.truthy(after.destination_credentials_encrypted, 'credentials omitted from a PATCH are kept');
  },
  { env },
);

eachBackend(
  test,
  'endpoints › another tenant can neither see nor change a destination, nor reach its credentials',
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    const created = await api.request('POST', '/v1/endpoints', { key: a.key, body: { destination: sqs } });
    const id = created.body.id as string;
    t.is((await api.request('GET', `/v1/endpoints/${id}`, { key: b.key })).status, 404);
    const patch = await api.request('PATCH', `/v1/endpoints/${id}`, {
      key: b.key,
      body: { destination: { type: 'aws-sqs', config: { ...sqs.config, queueUrl: `${QUEUE}-stolen` } } },
    });
    t.is(patch.status, 404);
    const listed = await api.request('GET', '/v1/endpoints', { key: b.key });
    t.deepEqual(listed.body.data, []);
    const mine = await api.request('GET', `/v1/endpoints/${id}`, { key: a.key });
    t.is(mine.body.destination.config.queueUrl, QUEUE, 'unchanged');
  },
  { env },
);
