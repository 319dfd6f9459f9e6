import test from 'ava';
import { stageContext } from './stageContext.js';
import { writeResponse } from './writeResponse.js';

test('writeResponse › answers the status, headers and body the later stages settled on', async (t) => {
  const ctx = stageContext();
  await writeResponse()(ctx, () => {
    ctx.state.result = { status: 201, body: { id: 'ep_1' }, headers: { location: '/v1/endpoints/ep_1' } };
    return Promise.resolve();
  });
  t.is(ctx.status, 201);
  t.deepEqual(ctx.body, { id: 'ep_1' });
  t.is(ctx.response.get('location'), '/v1/endpoints/ep_1');
});

test('writeResponse › a 204 has no body', async (t) => {
  const ctx = stageContext();
  await writeResponse()(ctx, () => {
    ctx.state.result = { status: 204, body: { ignored: true } };
    return Promise.resolve();
  });
  t.is(ctx.status, 204);
  t.is(ctx.body, undefined);
});
