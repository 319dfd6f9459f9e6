import test from 'ava';
import { FOLDED_ATTRIBUTE, toMessageAttributes } from './SqsDestinationProducer.js';

test('toMessageAttributes › up to 10 headers travel as one String attribute each', (t) => {
  const headers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`h-${i}`, `v${i}`]));
  const attributes = toMessageAttributes(headers);
  t.is(Object.keys(attributes).length, 10);
  t.deepEqual(attributes['h-3'], { DataType: 'String', StringValue: 'v3' });
});

test('toMessageAttributes › past 10, the first 9 stay and the rest are folded into one JSON attribute', (t) => {
  const headers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h-${i}`, `v${i}`]));
  const attributes = toMessageAttributes(headers);
  t.is(Object.keys(attributes).length, 10);
  t.deepEqual(JSON.parse(attributes[FOLDED_ATTRIBUTE]!.StringValue!), {
    'h-9': 'v9',
    'h-10': 'v10',
    'h-11': 'v11',
  });
});
