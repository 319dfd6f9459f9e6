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

test('OperationMatcher › finds the operation openapi-backend finds, for every path and method', async (t) => {
  await ready;
  const matcher = new OperationMatcher(api.getOperations());
  const all = requests();
  t.true(all.length > 500);
  for (const { method, path } of all) {
    const expected = api.router.matchOperation({ method, path, headers: {}, query: {} })?.operationId;
    t.is(matcher.match(method, path)?.operationId, expected, `${method} ${path}`);
  }
});

test('OperationMatcher › prefers a literal path over a template and misses unknown paths', async (t) => {
  await ready;
  const matcher = new OperationMatcher(api.getOperations());
  t.is(matcher.match('POST', '/v1/events/batch')?.operationId, 'sendEventBatch');
  t.is(matcher.match('GET', '/v1/events/evt_01')?.operationId, 'getEvent');
  t.is(matcher.match('POST', '/v1/events')?.operationId, 'sendEvent');
  t.is(matcher.match('GET', '/v1/events/evt_01/nothing'), undefined);
});
