import test from 'ava';
import type { Principal } from '@caravan/core';
import { checkAudience } from './checkAudience.js';
import { countingNext, operation, stageContext } from './stageContext.js';

const admin: Principal = { kind: 'admin' };
const tenant: Principal = { kind: 'tenant', tenantId: 'tnt_1', apiKeyId: 'key_1' };

function run(audience: string, principal: Principal) {
  const ctx = stageContext({
    path: '/v1/tenants',
    state: { principal, operation: operation({ 'x-caravan-auth': audience }) },
  });
  const next = countingNext();
  return { next, done: checkAudience()(ctx, next) };
}

test('checkAudience › a tenant key on an admin operation is a 404, as if it did not exist', async (t) => {
  const { next, done } = run('admin', tenant);
  const error = await t.throwsAsync(done, { message: 'No operation at GET /v1/tenants.' });
  t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_NOT_FOUND');
  t.is(next.calls, 0);
});

test('checkAudience › the admin key on a tenant operation is a 403 that says which key to use', async (t) => {
  const { done } = run('tenant', admin);
  const error = await t.throwsAsync(done, { message: /use a tenant API key/ });
  t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_FORBIDDEN');
});

test('checkAudience › each key passes on its own operations', async (t) => {
  for (const [audience, principal] of [
    ['admin', admin],
    ['tenant', tenant],
  ] as const) {
    const { next, done } = run(audience, principal);
    await done;
    t.is(next.calls, 1);
  }
});
