import test from 'ava';
import type { Principal } from '@caravan/core';
import { authenticate } from './authenticate.js';
import { countingNext, stageContext } from './stageContext.js';

const tenant: Principal = { kind: 'tenant', tenantId: 'tnt_1', apiKeyId: 'key_1' };
const stage = authenticate({
  tenants: { authenticate: (key: string) => Promise.resolve(key === 'good' ? tenant : undefined) },
});

for (const [header, detail] of [
  [undefined, /Send an API key/],
  ['Basic abc', /must be "Bearer <key>"/],
  ['Bearer two words', /must be "Bearer <key>"/],
  ['Bearer wrong', /unknown, expired or revoked/],
] as const) {
  test(`authenticate › ${header ?? 'no header'} is a 401 that says why`, async (t) => {
    const next = countingNext();
    const ctx = stageContext(header ? { headers: { authorization: header } } : {});
    const error = await t.throwsAsync(stage(ctx, next), { message: detail });
    t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_UNAUTHORIZED');
    t.is(next.calls, 0);
  });
}

test("authenticate › a known key's principal is handed on, whatever the scheme's case", async (t) => {
  const ctx = stageContext({ headers: { authorization: 'bearer good ' } });
  const next = countingNext();
  await stage(ctx, next);
  t.deepEqual(ctx.state.principal, tenant);
  t.is(next.calls, 1);
});
