import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';

// The client ships to Node 20 and browsers with no runtime dependency: its runtime modules may import
// only each other, and use no Node-only global.
const root = fileURLToPath(new URL('.', import.meta.url));
const runtimeFiles = (readdirSync(root, { recursive: true }) as string[]).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('examples'),
);

test('SDK › runtime modules import only the package itself', (t) => {
  t.true(runtimeFiles.length > 5);
  for (const file of runtimeFiles) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
      t.true(specifier!.startsWith('./') || specifier!.startsWith('../'), `${file} imports ${specifier}`);
    }
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    t.false(/\b(Buffer|process|require)\b/.test(code), `${file} uses a Node-only global`);
  }
});

test('SDK › the package declares no runtime dependency', (t) => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  t.deepEqual(pkg.dependencies ?? {}, {});
});
