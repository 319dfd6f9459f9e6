import test from 'ava';
import { JsonText, serialiseJson } from './JsonText.js';

test('serialiseJson › a JsonText is written as its exact text, everything else as JSON.stringify does', (t) => {
  const body = { id: 'evt_1', payload: new JsonText('{ "n": 1.50,\n "s": "x" }'), tags: ['a'] };
  t.is(serialiseJson(body), '{"id":"evt_1","payload":{ "n": 1.50,\n "s": "x" },"tags":["a"]}');
  t.is(serialiseJson({ a: 1 }), '{"a":1}');
  t.deepEqual(JSON.parse(JSON.stringify(body)), { id: 'evt_1', payload: { n: 1.5, s: 'x' }, tags: ['a'] });
});

test('serialiseJson › a payload far too deep for JSON.stringify is still answered', (t) => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  t.throws(() => JSON.stringify(JSON.parse(deep)));
  t.is(serialiseJson({ payload: new JsonText(deep) }), `{"payload":${deep}}`);
});
