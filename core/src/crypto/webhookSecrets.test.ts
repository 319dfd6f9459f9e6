import { createPublicKey, sign, verify } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { InvalidSecretError } from '../errors/index.js';
import {
  ed25519PublicKeyOf,
  generateEd25519Secret,
  generateHmacSecret,
  parseEd25519PublicKey,
  parseEd25519Secret,
  parseHmacSecret,
} from './webhookSecrets.js';

function invalid(t: ExecutionContext, fn: () => unknown): string {
  const error = t.throws(fn, { instanceOf: InvalidSecretError });
  t.is(error.code, 'CARAVAN_INVALID_SECRET');
  return error.message;
}

const b64 = (length: number, fill = 7): string => Buffer.alloc(length, fill).toString('base64');

test('generateHmacSecret › is whsec_ and base64 of 32 random bytes', (t) => {
  const secret = generateHmacSecret();
  t.regex(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  t.is(parseHmacSecret(secret).length, 32);
  t.not(generateHmacSecret(), secret);
});

test('parseHmacSecret › returns the key bytes of 24 to 64-byte secrets', (t) => {
  t.deepEqual(
    parseHmacSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
    Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'),
  );
  t.deepEqual(parseHmacSecret(`whsec_${b64(24)}`), Buffer.alloc(24, 7));
  t.deepEqual(parseHmacSecret(`whsec_${b64(64)}`), Buffer.alloc(64, 7));
});

test('parseHmacSecret › names what is wrong without repeating the secret', (t) => {
  t.is(
    invalid(t, () => parseHmacSecret(b64(32))),
    'An HMAC secret must start with "whsec_"',
  );
  t.is(
    invalid(t, () => parseHmacSecret(`whsk_${b64(32)}`)),
    'An HMAC secret must start with "whsec_" ("whsk_" is an Ed25519 key)',
  );
  t.is(
    invalid(t, () => parseHmacSecret(`whsec_${b64(23)}`)),
    'An HMAC secret must decode to 24–64 bytes, got 23',
  );
  t.is(
    invalid(t, () => parseHmacSecret(`whsec_${b64(65)}`)),
    'An HMAC secret must decode to 24–64 bytes, got 65',
  );
  const notBase64 = 'An HMAC secret must be "whsec_" followed by standard base64 with padding';
  t.is(
    invalid(t, () => parseHmacSecret('whsec_')),
    notBase64,
  );
  t.is(
    invalid(t, () => parseHmacSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La-aSw')),
    notBase64,
    'base64url',
  );
  t.is(
    invalid(t, () => parseHmacSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La aSw')),
    notBase64,
    'a space',
  );
  t.is(
    invalid(t, () => parseHmacSecret(`whsec_${b64(32).replace(/=$/, '')}`)),
    notBase64,
    'no padding',
  );
  t.is(
    invalid(t, () => parseHmacSecret(`whsec_${b64(32).replace(/.=$/, 'B=')}`)),
    notBase64,
    'not canonical',
  );
  t.false(invalid(t, () => parseHmacSecret('whsec_short!secret')).includes('short!secret'));
});

test('generateEd25519Secret › gives a 32-byte seed and the raw 32-byte public key that verifies its signatures', (t) => {
  const { secret, publicKey } = generateEd25519Secret();
  t.regex(secret, /^whsk_[A-Za-z0-9+/]{43}=$/);
  t.regex(publicKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
  const signature = sign(null, Buffer.from('hello'), parseEd25519Secret(secret));
  t.true(verify(null, Buffer.from('hello'), parseEd25519PublicKey(publicKey), signature));
  t.false(verify(null, Buffer.from('hellO'), parseEd25519PublicKey(publicKey), signature));
  t.is(ed25519PublicKeyOf(secret), publicKey);
  t.not(generateEd25519Secret().secret, secret);
});

test('parseEd25519Secret › derives the RFC 8032 public key from the seed', (t) => {
  // RFC 8032 §7.1, TEST 1.
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const pub = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
  t.is(ed25519PublicKeyOf(`whsk_${seed.toString('base64')}`), `whpk_${pub.toString('base64')}`);
  const signature = sign(null, Buffer.alloc(0), parseEd25519Secret(`whsk_${seed.toString('base64')}`));
  t.is(
    signature.toString('hex'),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  );
  const longForm = `whsk_${Buffer.concat([seed, pub]).toString('base64')}`;
  t.is(ed25519PublicKeyOf(longForm), `whpk_${pub.toString('base64')}`);
});

test('parseEd25519Secret › names what is wrong', (t) => {
  const { secret } = generateEd25519Secret();
  t.is(
    invalid(t, () => parseEd25519Secret(secret.replace('whsk_', 'whsec_'))),
    'An Ed25519 secret must start with "whsk_"',
  );
  t.is(
    invalid(t, () => parseEd25519Secret('whsk_!!!')),
    'An Ed25519 secret must be "whsk_" followed by standard base64 with padding',
  );
  t.is(
    invalid(t, () => parseEd25519Secret(`whsk_${b64(31)}`)),
    'An Ed25519 secret must decode to a 32-byte seed (or seed and public key, 64 bytes), got 31',
  );
  t.is(
    invalid(t, () => parseEd25519Secret(`whsk_${b64(64)}`)),
    'The public half of the 64-byte Ed25519 secret does not match its seed',
  );
});

test('parseEd25519PublicKey › reads whpk_ keys and names what is wrong', (t) => {
  const { secret, publicKey } = generateEd25519Secret();
  const expected = createPublicKey(parseEd25519Secret(secret)).export({ format: 'jwk' }).x;
  t.is(parseEd25519PublicKey(publicKey).export({ format: 'jwk' }).x, expected);
  t.is(
    invalid(t, () => parseEd25519PublicKey(publicKey.slice(5))),
    'An Ed25519 public key must start with "whpk_"',
  );
  t.is(
    invalid(t, () => parseEd25519PublicKey(`whpk_${b64(31)}`)),
    'An Ed25519 public key must be "whpk_" followed by 32 bytes in padded base64',
  );
});
