import test from 'ava';
import { decodeTime } from 'ulid';
import { derivedDeliveryId, derivedEventId, ID_PREFIXES, isId, newId } from './ids.js';

const ULID_ID = /^evt_[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

test('newId › is the prefix, an underscore and an upper-case ULID', (t) => {
  t.regex(newId('evt'), ULID_ID);
  t.regex(newId('pool'), /^pool_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  for (const prefix of ID_PREFIXES) t.true(isId(prefix, newId(prefix)), prefix);
});

test('newId › carries the given time and never goes back when the clock does', (t) => {
  const later = Date.now() + 60_000;
  const first = newId('evt', later);
  t.is(decodeTime(first.slice(4)), later);
  const second = newId('evt', later - 5_000);
  t.is(decodeTime(second.slice(4)), later);
  t.true(second > first);
});

test('newId › 10 000 ids made in the same millisecond are unique and sort in creation order', (t) => {
  const now = Date.now();
  const ids = Array.from({ length: 10_000 }, () => newId('dlv', now));
  t.is(new Set(ids).size, 10_000);
  t.deepEqual([...ids].sort(), ids);
  t.is(new Set(ids.map((id) => id.slice(0, 14))).size, 1);
});

test('derivedEventId › the same tenant and key always give the same id', (t) => {
  t.is(derivedEventId('tnt_A', 'order-42'), derivedEventId('tnt_A', 'order-42'));
  // Pinned (cross-checked with an independent Python computation): ids are stored, so changing the
  // derivation would break idempotency across upgrades.
  t.is(derivedEventId('tnt_A', 'order-42'), 'evt_KN2JKQVZFHA6VZWKV80TKFK28M');
});

test('derivedEventId › separates tenants, keys and the boundary between them', (t) => {
  t.not(derivedEventId('a', 'bc'), derivedEventId('ab', 'c'));
  t.not(derivedEventId('tnt_A', 'k'), derivedEventId('tnt_B', 'k'));
  t.not(derivedEventId('tnt_A', 'k1'), derivedEventId('tnt_A', 'k2'));
  t.not(derivedEventId('tnt_A', ''), derivedEventId('', 'tnt_A'));
});

test('derivedEventId › is a valid event id that no ULID can collide with', (t) => {
  for (let i = 0; i < 200; i++) {
    const id = derivedEventId('tnt_A', `key-${i}`);
    t.true(isId('evt', id), id);
    t.regex(id, /^evt_[G-Z]/);
  }
});

test('derivedDeliveryId › the same event and endpoint always give the same id', (t) => {
  const eventId = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
  t.is(
    derivedDeliveryId(eventId, 'ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2P'),
    derivedDeliveryId(eventId, 'ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2P'),
  );
  t.is(derivedDeliveryId(eventId, 'ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2P'), 'dlv_01JB9ZK6V3Y76XF6QEZRRH4W8R');
});

test('derivedDeliveryId › starts with the time part of a ULID event id', (t) => {
  const eventId = newId('evt', Date.UTC(2024, 9, 28, 12));
  const id = derivedDeliveryId(eventId, 'ep_1');
  t.true(isId('dlv', id));
  t.is(id.slice(4, 14), eventId.slice(4, 14));
  t.is(decodeTime(id.slice(4)), decodeTime(eventId.slice(4)));
});

test('derivedDeliveryId › deliveries of later events sort after those of earlier ones', (t) => {
  const earlier = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
  const later = `evt_01JB9ZK6V4${'0'.repeat(16)}`;
  t.true(derivedDeliveryId(later, 'ep_a') > derivedDeliveryId(earlier, 'ep_z'));
});

test('derivedDeliveryId › separates endpoints, events and the boundary between them', (t) => {
  const eventId = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
  t.not(derivedDeliveryId(eventId, 'ep_1'), derivedDeliveryId(eventId, 'ep_2'));
  t.not(derivedDeliveryId('evt_a', 'bc'), derivedDeliveryId('evt_ab', 'c'));
  const other = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2P';
  t.not(derivedDeliveryId(eventId, 'ep_1'), derivedDeliveryId(other, 'ep_1'));
});

test('derivedDeliveryId › a derived event id gives a deterministic, hash-only delivery id', (t) => {
  const eventId = derivedEventId('tnt_A', 'order-42');
  const id = derivedDeliveryId(eventId, 'ep_1');
  t.true(isId('dlv', id));
  t.is(id, derivedDeliveryId(eventId, 'ep_1'));
  t.not(id.slice(4, 14), eventId.slice(4, 14));
});

test('isId › accepts only its own prefix and 26 upper-case Crockford characters', (t) => {
  t.true(isId('evt', 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N'));
  t.false(isId('dlv', 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N'), 'other prefix');
  t.false(isId('evt', 'evt_01jb9zk6v3q3z6s8yq3w8g4h2n'), 'lower case');
  t.false(isId('evt', 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2'), '25 characters');
  t.false(isId('evt', 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2NN'), '27 characters');
  t.false(isId('evt', 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2U'), 'U is not Crockford');
  t.false(isId('evt', 'evt01JB9ZK6V3Q3Z6S8YQ3W8G4H2N'), 'no underscore');
  t.false(isId('evt', 'xevt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N'), 'anchored');
  t.false(isId('evt', 42));
});
