import test from 'ava';
import { validateCustomHeaders } from './customHeaders.js';

test('validateCustomHeaders › accepts ordinary header names and values', (t) => {
  t.deepEqual(
    validateCustomHeaders({
      'X-Globex-Env': 'production',
      Authorization: 'Bearer abc',
      Cookie: 'session=static-token',
      'x_custom.v2': '',
      "!#$%&'*+-.^_`|~": 'token characters',
      'X-Tab': 'a\tb',
      [`X-${'a'.repeat(62)}`]: '64 characters in all',
    }),
    [],
  );
});

const refused: [name: string, value: string, message: RegExp][] = [
  ['Host', 'evil.example', /set by Caravan/],
  ['Content-Encoding', 'gzip', /encoding of the body/],
  ['content-digest', 'sha-256=:x:', /encoding of the body/],
  ['content-type', 'text/plain', /set by Caravan/],
  ['Content-Length', '1', /set by Caravan/],
  ['User-Agent', 'x', /set by Caravan/],
  ['webhook-id', 'x', /set by Caravan/],
  ['Webhook-Signature', 'x', /set by Caravan/],
  ['webhook-timestamp', '1', /set by Caravan/],
  ['Webhook-Anything', 'x', /set by Caravan/],
  ['Caravan-Trace', 'x', /set by Caravan/],
  ['CARAVAN-X', 'x', /set by Caravan/],
  ['Transfer-Encoding', 'chunked', /connection-level/],
  ['Connection', 'close', /connection-level/],
  ['Proxy-Authorization', 'Basic x', /connection-level/],
  ['X Space', 'x', /HTTP header name/],
  ['X:Colon', 'x', /HTTP header name/],
  ['X-Ünicode', 'x', /HTTP header name/],
  ['', 'x', /HTTP header name/],
  [`X-${'a'.repeat(63)}`, 'x', /at most 64/],
  ['X-Newline', 'a\r\nInjected: yes', /control characters/],
  ['X-Nul', 'a\u0000b', /control characters/],
  ['X-Emoji', 'snow ☃', /control characters/],
];

for (const [name, value, message] of refused) {
  test(`validateCustomHeaders › refuses ${JSON.stringify(name)}: ${JSON.stringify(value)}`, (t) => {
    const errors = validateCustomHeaders({ [name]: value });
    t.is(errors.length, 1);
    t.deepEqual(errors[0]?.path, ['headers', name]);
    t.regex(errors[0]?.message ?? '', message);
  });
}

test('validateCustomHeaders › refuses the same name twice in different case', (t) => {
  t.deepEqual(validateCustomHeaders({ 'X-Env': 'a', 'x-env': 'b' }), [
    { path: ['headers', 'x-env'], message: 'repeats header "X-Env" (header names are case-insensitive)' },
  ]);
});

test('validateCustomHeaders › names every bad header by its name, under the given path', (t) => {
  const errors = validateCustomHeaders({ Host: 'x', 'X-Ok': 'y', 'a/b': 'z' }, ['events', 0, 'headers']);
  t.deepEqual(
    errors.map((e) => e.path),
    [
      ['events', 0, 'headers', 'Host'],
      ['events', 0, 'headers', 'a/b'],
    ],
  );
});
