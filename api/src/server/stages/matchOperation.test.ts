import test from 'ava';
import { matchOperation } from './matchOperation.js';
import { countingNext, operation, stageContext } from './stageContext.js';

const stage = matchOperation([
  operation({ method: 'get', path: '/v1/endpoints', operationId: 'listEndpoints' }),
  operation({ method: 'post', path: '/v1/endpoints', operationId: 'createEndpoint' }),
  operation({ method: 'get', path: '/v1/endpoints/{endpointId}', operationId: 'getEndpoint' }),
  operation({ method: 'delete', path: '/v1/endpoints/{endpointId}', operationId: 'deleteEndpoint' }),
]);

test('matchOperation › a method the path does not take is a 405 whose Allow lists those it does', async (t) => {
  for (const [method, path, allow] of [
    ['PUT', '/v1/endpoints', 'GET, POST'],
    ['PATCH', '/v1/endpoints/ep_1/', 'DELETE, GET'],
  ] as const) {
    const next = countingNext();
    const error = await t.throwsAsync(stage(stageContext({ method, path }), next));
    t.like(error, { code: 'CARAVAN_METHOD_NOT_ALLOWED', headers: { Allow: allow } }, `${method} ${path}`);
    t.is(next.calls, 0);
  }
});

test('matchOperation › an unknown path is still a 404, and a declared one is handed on', async (t) => {
  const error = await t.throwsAsync(
    stage(stageContext({ method: 'GET', path: '/v1/nothing' }), countingNext()),
  );
  t.like(error, { code: 'CARAVAN_NOT_FOUND' });
  const ctx = stageContext({ method: 'DELETE', path: '/v1/endpoints/ep_1' });
  const next = countingNext();
  await stage(ctx, next);
  t.is(ctx.state.operationId, 'deleteEndpoint');
  t.is(next.calls, 1);
});
