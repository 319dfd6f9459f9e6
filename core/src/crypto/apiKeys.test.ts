import { createHash } from 'node:crypto';
import test from 'ava';
import { apiKeyMatches, generateApiKey, hashApiKey, safeEqual } from './apiKeys.js';

test('generateApiKey › is ck_live_ and 43 base62 characters, matching the API contract', (t) => {
  const { key } = generateApiKey();
  t.regex(key, /^ck_live_[0-9A-Za-z]{43}$/);
  // openapi/caravan.yaml: the key is ^ck_live_[0-9A-Za-z]{32,64}$.
  t.regex(key, /^ck_live_[0-9A-Za-z]{32,64}$/);
});

test('generateApiKey › lists by a 14-character prefix and stores the SHA-256 hex of the key', (t) => {
  const { key, prefix, hash } = generateApiKey();
  t.is(prefix, key.slice(0, 14));
  t.regex(prefix, /^ck_live_[0-9A-Za-z]{6}$/);
  t.is(hash, createHash('sha256').update(key).digest('hex'));
});

test('generateApiKey › keys are unique and use the whole base62 alphabet', (t) => {
  const keys = Array.from({ length: 2000 }, () => generateApiKey().key);
  t.is(new Set(keys).size, 2000);
  const seen = new Set(keys.flatMap((k) => [...k.slice(8)]));
  t.is(seen.size, 62);
});

test('hashApiKey › is the lower-case SHA-256 hex of the key', (t) => {
  t.is(hashApiKey('ck_live_abc'), createHash('sha256').update('ck_live_abc').digest('hex'));
  t.is(hashApiKey(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('apiKeyMatches › accepts the key and rejects any other key or a malformed hash', (t) => {
  const { key, hash } = generateApiKey();
  t.true(apiKeyMatches(key, hash));
  t.false(apiKeyMatches(`${key}x`, hash));
  t.false(apiKeyMatches(key.slice(0, -1), hash));
  t.false(apiKeyMatches(generateApiKey().key, hash));
  t.false(apiKeyMatches(key, hash.slice(0, -2)), 'short hash');
  t.false(apiKeyMatches(key, hash.toUpperCase()), 'stored hashes are lower-case');
  t.false(apiKeyMatches(key, ''));
});

test('safeEqual › compares strings of any lengths', (t) => {
  t.true(safeEqual('admin-key-for-tests-0123456789', 'admin-key-for-tests-0123456789'));
  t.false(safeEqual('admin-key-for-tests-0123456789', 'admin-key-for-tests-012345678'));
  t.false(safeEqual('admin-key-for-tests-0123456789', 'admin-key-for-tests-0123456780'));
  t.false(safeEqual('', 'x'));
  t.true(safeEqual('', ''));
});
