// After a full test run: every operation of the contract must have been answered with success by at
// least one API test (the API harness records them in .cache/coverage). Fails naming the ones never seen.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const doc = YAML.parse(readFileSync(`${root}openapi/caravan.yaml`, 'utf8'));
const all = Object.values(doc.paths).flatMap((item) =>
  ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).map((m) => item[m].operationId),
);
const seen = new Set();
const dir = `${root}.cache/coverage`;
for (const file of readdirSync(dir).filter((f) => f.startsWith('operations-'))) {
  for (const id of JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))) seen.add(id);
}
const missing = all.filter((id) => !seen.has(id));
if (missing.length) {
  console.error(
    `operations no test exercised successfully (${missing.length}/${all.length}): ${missing.join(', ')}`,
  );
  process.exit(1);
}
console.log(`every one of the ${all.length} operations was exercised by a test`);
