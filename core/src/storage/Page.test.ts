import test from 'ava';
import { InvalidCursorError } from '../errors/index.js';
import { decodeCursor, decodeTimeCursor, encodeCursor } from './Page.js';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('decodeCursor › a cursor Caravan made decodes to its position', (t) => {
  t.deepEqual(decodeCursor(encodeCursor({ value: 1_730_000_000_000, id: 'evt_1' })), {
    value: 1_730_000_000_000,
    id: 'evt_1',
  });
  t.deepEqual(
    decodeCursor(encodeCursor({ value: 'invoice.paid', id: 'invoice.paid' })).value,
    'invoice.paid',
  );
});

test('decodeCursor › cursor=0 and every other cursor Caravan did not make are refused', (t) => {
  for (const cursor of [
    '0',
    'MA',
    '',
    '!!',
    Buffer.from('[1e400,"x"]').toString('base64url'),
    cursorOf([-1, 'x']),
    cursorOf([1.5, 'x']),
    cursorOf([1, '']),
    cursorOf([1, 2]),
    cursorOf(['', 'x']),
    cursorOf([1, 'x', 3]),
    cursorOf({ value: 1, id: 'x' }),
  ]) {
    t.throws(() => decodeCursor(cursor), { instanceOf: InvalidCursorError }, cursor);
  }
});

test('decodeTimeCursor › a name cursor is refused by a list ordered by time', (t) => {
  t.throws(() => decodeTimeCursor(encodeCursor({ value: 'abc', id: 'ep_1' })), {
    instanceOf: InvalidCursorError,
  });
  t.is(decodeTimeCursor(encodeCursor({ value: 5, id: 'ep_1' })).value, 5);
});
