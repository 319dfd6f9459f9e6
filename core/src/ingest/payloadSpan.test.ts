import test from 'ava';
import { batchPayloadSpans, payloadSpan, type Span } from './payloadSpan.js';

const text = (body: Buffer, span: Span) => body.subarray(span.start, span.end).toString('utf8');
const single = (json: string) => {
  const body = Buffer.from(json, 'utf8');
  JSON.parse(json); // every case is valid JSON, as the API guarantees before scanning
  return text(body, payloadSpan(body));
};
const batch = (json: string) => {
  const body = Buffer.from(json, 'utf8');
  JSON.parse(json);
  return batchPayloadSpans(body).map((span) => text(body, span));
};

test('payloadSpan › keeps the payload exactly as sent, whitespace and key order included', (t) => {
  t.is(single('{"eventType":"a","payload": {"b":1,  "a":2} }'), '{"b":1,  "a":2}');
  t.is(single('{"payload":\n\t[1, 2 ,3]\r\n,"eventType":"a"}'), '[1, 2 ,3]');
});

test('payloadSpan › finds the payload first, last or between other members', (t) => {
  t.is(single('{"payload":{"x":1},"eventType":"a","idempotencyKey":"k"}'), '{"x":1}');
  t.is(single('{"eventType":"a","idempotencyKey":"k","payload":{"x":1}}'), '{"x":1}');
  t.is(single('{"eventType":"a","payload":{"x":1},"ownerId":"o"}'), '{"x":1}');
  t.is(single('  {"payload":{}}  '), '{}');
});

test('payloadSpan › is not fooled by braces, brackets, quotes and escapes inside strings', (t) => {
  const payload = String.raw`{"s":"}]{[\"payload\":","t":"\\","u":"\\\"}","v":["]}"]}`;
  t.is(single(`{"eventType":"a","payload":${payload},"headers":{"x":"}"}}`), payload);
  t.is(
    single(String.raw`{"eventType":"\"payload\":1","payload":"a \"quoted\" }string{"}`),
    String.raw`"a \"quoted\" }string{"`,
  );
});

test('payloadSpan › skips members whose values hold a nested "payload"', (t) => {
  t.is(single('{"headers":{"payload":"h"},"x":{"payload":{"deep":1}},"payload":2}'), '2');
  t.is(single('{"payload":{"payload":{"payload":3}}}'), '{"payload":{"payload":3}}');
});

test('payloadSpan › keeps unicode as the original bytes, escaped or not', (t) => {
  t.is(
    single('{"payload":{"name":"Zoë 🚐 日本","esc":"\\u00e9\\ud83d\\ude90"}}'),
    '{"name":"Zoë 🚐 日本","esc":"\\u00e9\\ud83d\\ude90"}',
  );
  const body = Buffer.from('{"eventType":"é","payload":"🚐"}', 'utf8');
  const span = payloadSpan(body);
  t.is(span.end - span.start, 6, 'the span is measured in bytes: quotes plus a 4-byte character');
});

test('payloadSpan › keeps numbers and literals verbatim', (t) => {
  t.is(single('{"payload":1e5}'), '1e5');
  t.is(single('{"payload":-0.50E-3 ,"eventType":"a"}'), '-0.50E-3');
  t.is(single('{"payload":12345678901234567890123}'), '12345678901234567890123');
  t.is(single('{"payload":null}'), 'null');
  t.is(single('{"payload":true}'), 'true');
  t.is(single('{"payload":false}'), 'false');
  t.is(single('{"payload":""}'), '""');
});

test('payloadSpan › handles deeply nested arrays without recursion', (t) => {
  const deep = '['.repeat(50_000) + ']'.repeat(50_000);
  t.is(single(`{"payload":${deep},"eventType":"a"}`), deep);
  t.is(single('{"payload":[[1,[2,{"a":[3]}]],[]]}'), '[[1,[2,{"a":[3]}]],[]]');
});

test('payloadSpan › takes the last of repeated members and unescapes names, as JSON.parse does', (t) => {
  const json = '{"payload":{"first":1},"eventType":"a","payload":{"second":2}}';
  t.deepEqual(JSON.parse(json).payload, { second: 2 });
  t.is(single(json), '{"second":2}');
  t.is(single('{"pay\\u006coad":[1],"payloadx":[2]}'), '[1]');
  t.is(single('{"payload":[1],"pay\\u006coad":[2]}'), '[2]');
});

test('payloadSpan › refuses a body that has no payload or is not an object', (t) => {
  t.throws(() => payloadSpan(Buffer.from('{"eventType":"a"}')), { message: /no "payload"/ });
  t.throws(() => payloadSpan(Buffer.from('{}')), { message: /no "payload"/ });
  t.throws(() => payloadSpan(Buffer.from('[{"payload":1}]')), { message: /not an object/ });
  t.throws(() => payloadSpan(Buffer.from('{"payload":"unterminated')), { message: /unterminated/ });
  t.throws(() => payloadSpan(Buffer.from('{"payload":[1,2')), { message: /unterminated/ });
});

test('batchPayloadSpans › finds every events[i].payload in order', (t) => {
  t.deepEqual(
    batch(
      '{"events":[{"eventType":"a","payload":{"n": 1}},\n {"payload" : [ "x" ] ,"eventType":"b"},{"eventType":"c","payload":null}]}',
    ),
    ['{"n": 1}', '[ "x" ]', 'null'],
  );
});

test('batchPayloadSpans › is not fooled by strings or nested events members', (t) => {
  t.deepEqual(
    batch(
      '{"meta":{"events":[{"payload":0}]},"events":[{"headers":{"x":"]},{"},"payload":"},{\\"payload\\":"},{"payload":{"events":[]}}]}',
    ),
    ['"},{\\"payload\\":"', '{"events":[]}'],
  );
  t.deepEqual(batch('{"events":[ ]}'), []);
});

test('batchPayloadSpans › refuses a batch whose events are not objects with a payload', (t) => {
  t.throws(() => batchPayloadSpans(Buffer.from('{"events":{}}')), { message: /no "events" array/ });
  t.throws(() => batchPayloadSpans(Buffer.from('{"other":[]}')), { message: /no "events" array/ });
  t.throws(() => batchPayloadSpans(Buffer.from('{"events":[{"payload":1},{"eventType":"a"}]}')), {
    message: /events\[1\] has no "payload"/,
  });
  t.throws(() => batchPayloadSpans(Buffer.from('{"events":[1]}')), { message: /events\[0\]/ });
});

// A small seeded generator of JSON texts with random whitespace, tricky strings and repeated names.
function generator(seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const ws = () => [' ', '', '\n', '\t', '\r\n  ', ''][next(6)]!;
  const strings = ['', 'payload', '}', ']', '{"payload":1}', '\\', '"', 'é', '🚐', '\u2028', 'a,b:c'];
  const string = () =>
    JSON.stringify(strings[next(strings.length)]!).replace(/e/g, () => (next(3) ? 'e' : '\\u0065'));
  const value = (depth: number): string => {
    const kind = depth > 4 ? next(4) : next(6);
    if (kind === 0) return string();
    if (kind === 1) return ['0', '-1.5e-3', '1E5', '12345678901234567890'][next(4)]!;
    if (kind === 2) return ['true', 'false', 'null'][next(3)]!;
    if (kind === 3) return `[${ws()}]`;
    if (kind === 4) {
      const items = Array.from({ length: next(4) }, () => `${ws()}${value(depth + 1)}${ws()}`);
      return `[${items.join(',')}${items.length ? '' : ws()}]`;
    }
    const members = Array.from(
      { length: next(4) },
      () => `${ws()}${string()}${ws()}:${ws()}${value(depth + 1)}${ws()}`,
    );
    return `{${members.join(',')}${members.length ? '' : ws()}}`;
  };
  return { value, ws, next };
}

test('payloadSpan › the span always parses to the payload JSON.parse sees (generated documents)', (t) => {
  const { value, ws, next } = generator(42);
  for (let i = 0; i < 2000; i++) {
    const members = [`"eventType":${ws()}"a"`, `"payload":${ws()}${value(0)}`, `"headers":${value(1)}`];
    if (next(3) === 0) members.push(`"payload":${value(0)}`);
    if (next(2) === 0) members.reverse();
    const json = `${ws()}{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}${ws()}`;
    const body = Buffer.from(json, 'utf8');
    const spanText = text(body, payloadSpan(body));
    t.deepEqual(JSON.parse(spanText), JSON.parse(json).payload, json);
    t.is(spanText.trim(), spanText, 'the span holds no surrounding whitespace');
  }
});

test('batchPayloadSpans › every span parses to its event payload (generated documents)', (t) => {
  const { value, ws, next } = generator(7);
  for (let i = 0; i < 300; i++) {
    const events = Array.from(
      { length: 1 + next(5) },
      () => `{"eventType":"a",${ws()}"payload":${ws()}${value(0)}${ws()}}`,
    );
    const json = `{"events":${ws()}[${events.join(`${ws()},`)}]}`;
    const body = Buffer.from(json, 'utf8');
    const parsed = JSON.parse(json).events.map((e: { payload: unknown }) => e.payload);
    t.deepEqual(
      batchPayloadSpans(body).map((span) => JSON.parse(text(body, span))),
      parsed,
      json,
    );
  }
});
