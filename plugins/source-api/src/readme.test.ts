import { readFileSync } from 'node:fs';
import test from 'ava';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

test('README › its one-file plugin is the tested memoryQueueSource, imports aside', (t) => {
  const readme = read('../README.md');
  const source = read('./testing/memoryQueueSource.ts')
    .replace("from '../index.js';", "from '@caravan/source-api';")
    .replace("from './MemoryQueue.js';", "from '@caravan/source-api/testing';");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  t.true(blocks.includes(source), 'README.md shows src/testing/memoryQueueSource.ts verbatim; copy it over');
});
