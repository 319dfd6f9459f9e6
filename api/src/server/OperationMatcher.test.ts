import test from 'ava';
import OpenAPIBackendModule, { type Document } from 'openapi-backend';
import { loadContract } from './loadContract.js';
import { OperationMatcher } from './OperationMatcher.js';

const { OpenAPIBackend } = OpenAPIBackendModule;

const api = new OpenAPIBackend({ definition: loadContract().document as unknown as Document, quick: true });
const ready = api.init();

/** Every operation's path with sample ids, plus paths that must not match, in every method. */
function requests(): { method: string; path: string }[] {
  const paths = new Set<string>([
    '/v1',
    '/v1/',
    '/v1/nope',
    '/v1/events/',
    '/v1/events/evt_1/',
    '/v1/events/a/b/c',
  ]);
  for (const op of api.getOperations()) {
    const sample = op.path.replace(/\{[^}]+\}/g, 'x_01');
    paths.add(sample);
    paths.add(`${sample}/`);
    paths.add(`${sample}?limit=5`);
    paths.add(op.path.replace(/\{[^}]+\}/g, 'batch'));
    paths.add(op.path.replace(/\{[^}]+\}/g, 'bulk-retry'));
    paths.add(op.path.replace(/\{[^}]+\}/g, 'a.b'));
  }
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  return [...paths].flatMap((path) => methods.map((method) => ({ method, path })));
}

/** Paths the contract declares literally: they never fall through to a template (see OperationMatcher). */
const literalPaths = new Set(
  api
    .getOperations()
    .map((op) => op.path)
    .filter((path) => !path.includes('{')),
);
const isLiteral = (path: string) => literalPaths.has(path.split('?')[0]!.replace(/(.)\/+$/, '$1'));

test('OperationMatcher › finds the operation openapi-backend finds, for every path and method', async (t) => {
  await ready;
  const matcher = new OperationMatcher(api.getOperations());
  const all = requests();
  t.true(all.length > 500);
  for (const { method, path } of all) {
    let expected = api.router.matchOperation({ method, path, headers: {}, query: {} })?.operationId;
    const op = expected ? api.getOperation(expected) : undefined;
    // Concrete before templated: a literal path answers only the methods declared on it.
    if (op?.path.includes('{') && isLiteral(path)) expected = undefined;
    t.is(matcher.match(method, path)?.operationId, expected, `${method} ${path}`);
  }
});

test('OperationMatcher › a literal path takes only its own methods, never a template’s', async (t) => {
  await ready;
  const matcher = new OperationMatcher(api.getOperations());
  t.is(matcher.match('GET', '/v1/events/batch'), undefined);
  t.deepEqual(matcher.methodsAt('/v1/events/batch'), ['POST']);
  t.deepEqual(matcher.methodsAt('/v1/deliveries/bulk-retry/'), ['POST']);
  t.is(matcher.match('GET', '/v1/events/evt_01')?.operationId, 'getEvent');
  t.deepEqual(matcher.methodsAt('/v1/events/evt_01'), ['GET']);
});

test('OperationMatcher › prefers a literal path over a template and misses unknown paths', async (t) => {
  await ready;
  const matcher = new OperationMatcher(api.getOperations());
  t.is(matcher.match('POST', '/v1/events/batch')?.operationId, 'sendEventBatch');
  t.is(matcher.match('GET', '/v1/events/evt_01')?.operationId, 'getEvent');
  t.is(matcher.match('POST', '/v1/events')?.operationId, 'sendEvent');
  t.is(matcher.match('GET', '/v1/events/evt_01/nothing'), undefined);
});
