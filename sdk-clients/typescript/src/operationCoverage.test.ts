import { readFileSync } from 'node:fs';
import test from 'ava';
import YAML from 'yaml';
import { Caravan } from './Caravan.js';
import { operationMethods } from './generated/resources.js';

const spec = YAML.parse(readFileSync(new URL('../../../openapi/caravan.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const specOperations = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).flatMap((op) =>
    op && typeof op === 'object' && op.operationId ? [op.operationId] : [],
  ),
);

test('SDK › every operation of the spec has a method on Caravan', (t) => {
  t.true(specOperations.length >= 56);
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: 'http://127.0.0.1:1' });
  const missing = specOperations.filter((operationId) => {
    const where = (operationMethods as Record<string, readonly [string, string]>)[operationId];
    if (!where) return true;
    const group = (caravan as unknown as Record<string, Record<string, unknown>>)[where[0]];
    return typeof group?.[where[1]] !== 'function';
  });
  t.deepEqual(missing, [], 'run `npm run generate` after changing openapi/caravan.yaml');
});

test('SDK › has no method for an operation the spec no longer has', (t) => {
  t.deepEqual(
    Object.keys(operationMethods).filter((id) => !specOperations.includes(id)),
    [],
  );
});
