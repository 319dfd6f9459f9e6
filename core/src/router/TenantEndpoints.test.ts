import test from 'ava';
import type { RoutableEndpoint } from '../storage/RoutingRepository.js';
import { indexEndpoints, matchEndpoints, type RoutedEvent } from './TenantEndpoints.js';

const endpoint = (id: string, fields: Partial<RoutableEndpoint> = {}): RoutableEndpoint => ({
  id,
  tenantId: 'tnt_A',
  ownerId: null,
  eventTypes: ['*'],
  filter: null,
  status: 'active',
  ...fields,
});

const event = (fields: Partial<RoutedEvent> = {}): RoutedEvent => ({
  eventType: 'invoice.paid',
  endpointId: null,
  ownerId: null,
  headers: {},
  payload: '{}',
  ...fields,
});

const ids = (matched: RoutableEndpoint[]) => matched.map((e) => e.id).sort();

const tenant = indexEndpoints([
  endpoint('ep_all'),
  endpoint('ep_invoices', { eventTypes: ['invoice.*'], ownerId: 'cus_1' }),
  endpoint('ep_customers', { eventTypes: ['customer.*'], ownerId: 'cus_1' }),
  endpoint('ep_large', {
    eventTypes: ['invoice.paid'],
    ownerId: 'cus_2',
    filter: { 'payload.amount': { $gte: 100 } },
  }),
  endpoint('ep_eu', { filter: { 'headers.x-region': 'eu' } }),
  endpoint('ep_empty_filter', { eventTypes: ['invoice.paid'], filter: {} }),
  endpoint('ep_disabled', { status: 'disabled' }),
]);

test('matchEndpoints › without a target, every endpoint whose patterns and filter match', (t) => {
  t.deepEqual(ids(matchEndpoints(tenant, event({ payload: '{"amount":50}' }))), [
    'ep_all',
    'ep_disabled',
    'ep_empty_filter',
    'ep_invoices',
  ]);
  t.deepEqual(
    ids(matchEndpoints(tenant, event({ payload: '{"amount":150}', headers: { 'X-Region': 'eu' } }))),
    ['ep_all', 'ep_disabled', 'ep_empty_filter', 'ep_eu', 'ep_invoices', 'ep_large'],
  );
  t.deepEqual(ids(matchEndpoints(tenant, event({ eventType: 'order.created' }))), ['ep_all', 'ep_disabled']);
});

test("matchEndpoints › ownerId narrows to that owner's endpoints, patterns still apply", (t) => {
  t.deepEqual(ids(matchEndpoints(tenant, event({ ownerId: 'cus_1' }))), ['ep_invoices']);
  t.deepEqual(ids(matchEndpoints(tenant, event({ ownerId: 'cus_1', eventType: 'customer.updated' }))), [
    'ep_customers',
  ]);
  t.deepEqual(ids(matchEndpoints(tenant, event({ ownerId: 'cus_2', payload: '{"amount":5}' }))), []);
  t.deepEqual(ids(matchEndpoints(tenant, event({ ownerId: 'nobody' }))), []);
});

test('matchEndpoints › endpointId targets that endpoint of this tenant only, if it matches', (t) => {
  t.deepEqual(ids(matchEndpoints(tenant, event({ endpointId: 'ep_invoices' }))), ['ep_invoices']);
  t.deepEqual(
    ids(matchEndpoints(tenant, event({ endpointId: 'ep_customers' }))),
    [],
    'its patterns still apply',
  );
  t.deepEqual(ids(matchEndpoints(tenant, event({ endpointId: 'ep_large', payload: '{"amount":1}' }))), []);
  t.deepEqual(ids(matchEndpoints(tenant, event({ endpointId: 'ep_of_another_tenant' }))), []);
});

test('matchEndpoints › endpointId with ownerId needs the endpoint to have that owner', (t) => {
  t.deepEqual(ids(matchEndpoints(tenant, event({ endpointId: 'ep_invoices', ownerId: 'cus_1' }))), [
    'ep_invoices',
  ]);
  t.deepEqual(ids(matchEndpoints(tenant, event({ endpointId: 'ep_invoices', ownerId: 'cus_2' }))), []);
});

test('matchEndpoints › a payload that is not JSON passes no filter but still reaches unfiltered endpoints', (t) => {
  t.deepEqual(ids(matchEndpoints(tenant, event({ payload: '{not json' }))), [
    'ep_all',
    'ep_disabled',
    'ep_empty_filter',
    'ep_invoices',
  ]);
});

test('matchEndpoints › indexes owners', (t) => {
  t.deepEqual(
    tenant.byOwner.get('cus_1')?.map((e) => e.id),
    ['ep_invoices', 'ep_customers'],
  );
  t.is(tenant.byId.get('ep_eu')?.id, 'ep_eu');
});
