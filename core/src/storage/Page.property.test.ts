import test from 'ava';
import fc from 'fast-check';
import { InvalidCursorError } from '../errors/index.js';
import { decodeCursor, decodeTimeCursor, encodeCursor } from './Page.js';

const position = fc.record({
  value: fc.oneof(fc.maxSafeNat(), fc.string({ minLength: 1, maxLength: 255, unit: 'grapheme' })),
  id: fc.string({ minLength: 1, maxLength: 255 }),
});

/** Decoding anything either gives a well-formed position or throws InvalidCursorError, nothing else. */
function decodesCleanly(cursor: string): boolean {
  try {
    const at = decodeCursor(cursor);
    const validValue =
      (typeof at.value === 'number' && Number.isSafeInteger(at.value) && at.value >= 0) ||
      (typeof at.value === 'string' && at.value.length > 0);
    return validValue && typeof at.id === 'string' && at.id.length > 0;
  } catch (error) {
    return error instanceof InvalidCursorError;
  }
}

test('Page cursors › every position Caravan encodes decodes to itself', (t) => {
  fc.assert(
    fc.property(position, (at) => {
      t.deepEqual(decodeCursor(encodeCursor(at)), at);
    }),
  );
});

test('Page cursors › a time cursor decodes only from a numeric position', (t) => {
  fc.assert(
    fc.property(position, (at) => {
      const cursor = encodeCursor(at);
      if (typeof at.value === 'number') t.deepEqual(decodeTimeCursor(cursor), at);
      else t.throws(() => decodeTimeCursor(cursor), { instanceOf: InvalidCursorError });
    }),
  );
});

test('Page cursors › any string, base64url of any JSON or of any bytes is a position or an InvalidCursorError', (t) => {
  const jsonCursor = fc
    .jsonValue()
    .map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url'));
  const byteCursor = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url'));
  const pairCursor = fc
    .tuple(fc.jsonValue(), fc.jsonValue())
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url'));
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jsonCursor, byteCursor, pairCursor),
      (c) => decodesCleanly(c),
    ),
    { numRuns: 2000 },
  );
  t.pass();
});
