import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import test from 'ava';
import { nestingDepth, readJsonBody } from './readJsonBody.js';
import { HttpProblem } from './problems.js';

function request(text: string): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(text)]), {
    headers: { 'content-type': 'application/json' },
  }) as unknown as IncomingMessage;
}

async function refusal(text: string) {
  const error = await readJsonBody(request(text), 1_000_000).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpProblem)) throw new Error(`expected an HttpProblem, got ${String(error)}`);
  return error;
}

test('readJsonBody › a syntax error names its line and column', async (t) => {
  const error = await refusal('{"a":1,,}');
  t.is(error.code, 'CARAVAN_MALFORMED_JSON');
  t.is(
    error.message,
    'The request body is not valid JSON: expected a property name in double quotes at line 1, column 8',
  );
  t.deepEqual(error.errors, [
    { field: '/body', message: 'expected a property name in double quotes at line 1, column 8' },
  ]);
});

test('readJsonBody › in a multi-line body the line and column are those of the mistake', async (t) => {
  const error = await refusal('{\n  "eventType": "invoice.paid",\n  "payload": ,\n}');
  t.is(error.message, 'The request body is not valid JSON: expected a value at line 3, column 14');
  t.false(error.message.includes('invoice.paid'), 'the body is not echoed back');
});

test('readJsonBody › a body cut short says so', async (t) => {
  t.is(
    (await refusal('{"eventType": "a", "payload": {"n": 1}')).message,
    "The request body is not valid JSON: unexpected end of the body (expected '}')",
  );
});

test('readJsonBody › a valid body keeps its exact bytes', async (t) => {
  const body = await readJsonBody(request('{ "a" : 1 }'), 1_000);
  t.is(body.raw.toString(), '{ "a" : 1 }');
  t.deepEqual(body.json, { a: 1 });
});

test('nestingDepth › brackets inside strings do not count, after escaped quotes and runs of backslashes too', (t) => {
  const depth = (json: string) => {
    JSON.parse(json);
    return nestingDepth(Buffer.from(json));
  };
  t.is(depth(String.raw`{"a":"[[[{{{","b":[1]}`), 2);
  t.is(depth(String.raw`{"a":"\"[[[","b":"\\","c":[[2]]}`), 3);
  t.is(depth(String.raw`["\\\"]]]{{{\\",{"x":"é[\u005b"}]`), 2);
  t.is(depth(`{"big":"${'x'.repeat(1_000_000)}","d":[[[[1]]]]}`), 5);
});
