import test from 'ava';
import type { IdempotencyDecision, IdempotencyRequest, Principal } from '@caravan/core';
import type { Services } from '../Services.js';
import { idempotency } from './idempotency.js';
import { operation, stageContext } from './stageContext.js';

const principal: Principal = { kind: 'tenant', tenantId: 'tnt_1', apiKeyId: 'key_1' };
const createEndpoint = operation({
  method: 'post',
  operationId: 'createEndpoint',
  parameters: [{ name: 'Idempotency-Key', in: 'header' }],
});
const listEndpoints = operation({
  operationId: 'listEndpoints',
  parameters: [{ name: 'limit', in: 'query' }],
});

function setup(decision: IdempotencyDecision['kind'], operationId = 'createEndpoint', key = 'k-1') {
  const calls: { begun: IdempotencyRequest[]; finished: [number, unknown][]; abandoned: number } = {
    begun: [],
    finished: [],
    abandoned: 0,
  };
  const services = {
    idempotency: {
      begin: (request: IdempotencyRequest): Promise<IdempotencyDecision> => {
        calls.begun.push(request);
        return Promise.resolve(
          decision === 'replay'
            ? { kind: 'replay', status: 201, body: { id: 'ep_first' } }
            : {
                kind: 'proceed',
                finish: (status, body) => Promise.resolve(void calls.finished.push([status, body])),
                abandon: () => Promise.resolve(void calls.abandoned++),
              },
        );
      },
    },
  } as unknown as Pick<Services, 'idempotency'>;
  const ctx = stageContext({
    method: 'POST',
    path: '/v1/endpoints',
    headers: key ? { 'idempotency-key': key } : {},
    state: { principal, operationId, payload: { body: {}, rawBody: Buffer.from('{}') } },
  });
  return { calls, ctx, stage: idempotency(services, [createEndpoint, listEndpoints]) };
}

test('idempotency › a repeated key replays the first answer without running the handler', async (t) => {
  const { ctx, stage, calls } = setup('replay');
  let ran = false;
  await stage(ctx, () => Promise.resolve(void (ran = true)));
  t.false(ran);
  t.deepEqual(ctx.state.result, {
    status: 201,
    body: { id: 'ep_first' },
    headers: { 'Idempotent-Replayed': 'true' },
  });
  t.like(calls.begun[0], { credential: 'tnt_1:key_1', method: 'POST', path: '/v1/endpoints', key: 'k-1' });
  t.is(calls.begun[0]?.body?.toString(), '{}');
});

test("idempotency › a first call runs and stores the handler's answer under its key", async (t) => {
  const { ctx, stage, calls } = setup('proceed');
  await stage(ctx, () => {
    ctx.state.result = { status: 201, body: { id: 'ep_new' } };
    return Promise.resolve();
  });
  t.deepEqual(calls.finished, [[201, { id: 'ep_new' }]]);
});

test('idempotency › a call that throws frees its key and the error goes on', async (t) => {
  const { ctx, stage, calls } = setup('proceed');
  await t.throwsAsync(
    stage(ctx, () => Promise.reject(new Error('boom'))),
    { message: 'boom' },
  );
  t.is(calls.abandoned, 1);
  t.deepEqual(calls.finished, []);
});

test('idempotency › without a key, or on an operation that takes none, the handler just runs', async (t) => {
  for (const { ctx, stage, calls } of [
    setup('replay', 'createEndpoint', ''),
    setup('replay', 'listEndpoints'),
  ]) {
    let ran = false;
    await stage(ctx, () => Promise.resolve(void (ran = true)));
    t.true(ran);
    t.is(calls.begun.length, 0);
  }
});
