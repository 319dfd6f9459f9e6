import test from 'ava';
import { PayloadValidationPool } from './PayloadValidationPool.js';

const distinctObjects = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ n: i })));
// Ajv compares array items of unknown type pairwise for uniqueItems: quadratic in the array's length.
const quadratic = { type: 'array', uniqueItems: true };

test('PayloadValidationPool › answers the same errors as the inline check, compiling each schema once per worker', async (t) => {
  const pool = new PayloadValidationPool({ workers: 1 });
  t.teardown(() => pool.close());
  const schema = {
    type: 'object',
    required: ['amount'],
    properties: { amount: { type: 'integer' }, code: { type: 'string', pattern: '^(a+)+$' } },
  };
  t.deepEqual(await pool.check({ key: 'k1', schema, payloadText: '{"amount":1,"code":"aaa"}' }), {
    kind: 'checked',
    errors: [],
  });
  t.deepEqual(await pool.check({ key: 'k1', schema, payloadText: `{"code":"${'a'.repeat(40)}!"}` }), {
    kind: 'checked',
    errors: [
      { pointer: '/amount', message: 'is required' },
      { pointer: '/code', message: 'must match pattern "^(a+)+$"' },
    ],
  });
});

test('PayloadValidationPool › a check past the time limit is stopped, the rest of its group is not run, and the pool goes on', async (t) => {
  const pool = new PayloadValidationPool({ workers: 1, timeoutMs: 1_000 });
  t.teardown(() => pool.close());
  const group = new AbortController();
  const slow = pool.check({ key: 'q', schema: quadratic, payloadText: distinctObjects(200_000), group });
  const sibling = pool.check({ key: 'q', schema: quadratic, payloadText: '[]', group });
  t.deepEqual(await slow, { kind: 'timed-out' });
  t.deepEqual(await sibling, { kind: 'cancelled' });
  t.true(group.signal.aborted);
  t.deepEqual(await pool.check({ key: 'q', schema: quadratic, payloadText: '[1,1]' }), {
    kind: 'checked',
    errors: [{ pointer: '', message: 'must NOT have duplicate items (items ## 0 and 1 are identical)' }],
  });
});

test('PayloadValidationPool › the event loop keeps turning while a worker checks', async (t) => {
  const pool = new PayloadValidationPool({ workers: 1, timeoutMs: 1_000 });
  t.teardown(() => pool.close());
  let turns = 0;
  const ticker = setInterval(() => turns++, 10);
  const check = await pool.check({ key: 'q', schema: quadratic, payloadText: distinctObjects(200_000) });
  clearInterval(ticker);
  t.is(check.kind, 'timed-out');
  t.true(turns >= 5, `the loop turned ${turns} times during a check that took its full second`);
});

test('PayloadValidationPool › waiting checks are served one tenant after another', async (t) => {
  const pool = new PayloadValidationPool({ workers: 1, timeoutMs: 1_000 });
  t.teardown(() => pool.close());
  const finished: string[] = [];
  const check = (tenantId: string, name: string, payloadText: string) =>
    pool
      .check({ tenantId, key: 'q', schema: quadratic, payloadText })
      .then((c) => finished.push(`${name}:${c.kind}`));
  const slow = distinctObjects(200_000);
  // Tenant A queues three checks that each take the full second; B's one check comes after them.
  const all = [
    check('A', 'a1', slow),
    check('A', 'a2', slow),
    check('A', 'a3', slow),
    check('B', 'b1', '[1,2]'),
  ];
  await Promise.all(all);
  t.deepEqual(finished, ['a1:timed-out', 'b1:checked', 'a2:timed-out', 'a3:timed-out']);
});
