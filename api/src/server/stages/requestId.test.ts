import test from 'ava';
import { requestId } from './requestId.js';
import { countingNext, stageContext } from './stageContext.js';

test("requestId › keeps the caller's x-request-id, cut to 128 characters, and answers it", async (t) => {
  const ctx = stageContext({ headers: { 'x-request-id': 'r'.repeat(200) } });
  await requestId()(ctx, countingNext());
  t.is(ctx.state.requestId, 'r'.repeat(128));
  t.is(ctx.response.get('x-request-id'), 'r'.repeat(128));
});

test('requestId › makes one when the caller sends none', async (t) => {
  const ctx = stageContext();
  const next = countingNext();
  await requestId()(ctx, next);
  t.regex(ctx.state.requestId ?? '', /^[0-9a-f-]{36}$/);
  t.is(ctx.response.get('x-request-id'), ctx.state.requestId ?? 'none');
  t.is(next.calls, 1);
});
