import test from 'ava';
import { compilePayloadSchema, payloadSchemaLimits } from './payloadSchema.js';

function validatorFor(schema: Record<string, unknown>) {
  const compiled = compilePayloadSchema(schema);
  if (!compiled.ok) throw new Error(`schema refused: ${compiled.error.message}`);
  return compiled.validate;
}

// With a backtracking engine `^(a+)+$` against 40 × `a` + `!` takes hours (×4 per two characters;
// 32 characters took 23 s): this test finishes only when patterns run in linear time.
test('payloadSchema › a catastrophic pattern rejects a hostile string at once', (t) => {
  const validate = validatorFor({
    type: 'object',
    properties: { s: { type: 'string', pattern: '^(a+)+$' } },
  });
  t.deepEqual(validate({ s: `${'a'.repeat(40)}!` }), [
    { pointer: '/s', message: 'must match pattern "^(a+)+$"' },
  ]);
  t.deepEqual(validate({ s: 'a'.repeat(40) }), []);
});

test('payloadSchema › patternProperties keys run on the same linear engine', (t) => {
  const validate = validatorFor({
    type: 'object',
    patternProperties: { '^(a+)+$': { type: 'integer' } },
    additionalProperties: false,
  });
  t.deepEqual(validate({ aaa: 1 }), []);
  t.deepEqual(validate({ [`${'a'.repeat(40)}!`]: 1 }), [
    { pointer: `/${'a'.repeat(40)}!`, message: 'is not an allowed field' },
  ]);
});

test('payloadSchema › patterns are searched, not anchored, and match by code point', (t) => {
  const validate = validatorFor({ type: 'string', pattern: 'b.d' });
  t.deepEqual(validate('abcde'), []);
  t.deepEqual(validate('b😀d'), []);
  t.is(validate('bd').length, 1);
});

test('payloadSchema › a pattern outside RE2 (lookaround, backreference) is refused on schema', (t) => {
  for (const pattern of ['^(?=a)a$', '(a)\\1']) {
    const compiled = compilePayloadSchema({ type: 'string', pattern });
    t.false(compiled.ok, pattern);
    if (!compiled.ok) {
      t.deepEqual(compiled.error.path, ['schema']);
      t.regex(
        compiled.error.message,
        /is not a valid RE2 regular expression \(lookaround and backreferences are not supported\)/,
      );
    }
  }
});

test('payloadSchema › plugin schemas keep JavaScript regular expressions', (t) => {
  t.true(compilePayloadSchema({ type: 'string', pattern: '^(?=a)a$' }, 'plugin').ok);
});

test('payloadSchema › a schema too large or too deep is refused naming the schema', (t) => {
  const big = compilePayloadSchema({ description: 'x'.repeat(payloadSchemaLimits.maxBytes) });
  t.like(big, { ok: false, error: { path: ['schema'] } });
  if (!big.ok) t.regex(big.error.message, /at most 65536 bytes/);

  let deep: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < payloadSchemaLimits.maxDepth; i++) deep = { type: 'object', properties: { a: deep } };
  const tooDeep = compilePayloadSchema(deep);
  t.like(tooDeep, { ok: false, error: { path: ['schema'] } });
  if (!tooDeep.ok) t.regex(tooDeep.error.message, /at most 32 levels deep/);

  let fine: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 10; i++) fine = { type: 'object', properties: { a: fine } };
  t.true(compilePayloadSchema(fine).ok);
});
