import test from 'ava';
import { pino } from 'pino';
import { ClientAbortedError } from '../../http/ClientAbortedError.js';
import { HttpProblem } from '../../http/problems.js';
import { problemResponse } from './problemResponse.js';
import { stageContext } from './stageContext.js';

function recordingLogger() {
  const lines: unknown[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

test('problemResponse › a thrown problem is answered as problem+json with its status, code and request id', async (t) => {
  const { logger, lines } = recordingLogger();
  const ctx = stageContext({ path: '/v1/endpoints/ep_1', state: { requestId: 'req-1' } });
  await problemResponse(logger)(ctx, () =>
    Promise.reject(new HttpProblem('CARAVAN_NOT_FOUND', 'No endpoint ep_1.')),
  );
  t.is(ctx.status, 404);
  t.is(ctx.response.type, 'application/problem+json');
  t.like(ctx.body, {
    status: 404,
    code: 'CARAVAN_NOT_FOUND',
    detail: 'No endpoint ep_1.',
    instance: '/v1/endpoints/ep_1',
    requestId: 'req-1',
  });
  t.is(lines.length, 0, 'an expected problem is not logged');
});

test('problemResponse › a 401 names the Bearer scheme; a problem keeps its own headers', async (t) => {
  const ctx = stageContext({ state: { requestId: 'req-1' } });
  await problemResponse(recordingLogger().logger)(ctx, () =>
    Promise.reject(new HttpProblem('CARAVAN_UNAUTHORIZED', 'no key', undefined, { 'x-extra': '1' })),
  );
  t.is(ctx.status, 401);
  t.is(ctx.response.get('www-authenticate'), 'Bearer realm="caravan"');
  t.is(ctx.response.get('x-extra'), '1');
});

test('problemResponse › an unexpected error is an opaque 500 quoting the request id, and is logged', async (t) => {
  const { logger, lines } = recordingLogger();
  const ctx = stageContext({ state: { requestId: 'req-9' } });
  await problemResponse(logger)(ctx, () => Promise.reject(new Error('socket hang up')));
  t.is(ctx.status, 500);
  t.like(ctx.body, { code: 'CARAVAN_INTERNAL', detail: 'Unexpected error; quote request req-9.' });
  t.is(lines.length, 1);
  t.like(lines[0], { requestId: 'req-9', msg: 'unexpected error' });
});

test('problemResponse › a request that succeeds is left as it is', async (t) => {
  const ctx = stageContext({ state: { requestId: 'req-1' } });
  await problemResponse(recordingLogger().logger)(ctx, () => {
    ctx.status = 201;
    return Promise.resolve();
  });
  t.is(ctx.status, 201);
});

test('problemResponse › a client that hung up mid-body is counted as 499, not a 500, and not logged', async (t) => {
  const { logger, lines } = recordingLogger();
  const ctx = stageContext({ state: { requestId: 'req-1' } });
  await problemResponse(logger)(ctx, () => Promise.reject(new ClientAbortedError(new Error('aborted'))));
  t.is(ctx.status, 499);
  t.is(lines.length, 0);
});
