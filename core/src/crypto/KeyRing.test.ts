import { createDecipheriv } from 'node:crypto';
import test from 'ava';
import { ConfigError, DecryptionError } from '../errors/index.js';
import { KeyRing } from './KeyRing.js';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');
const ringV1 = new KeyRing({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: k1 }] });
const ringV2 = new KeyRing({
  primaryKeyId: 'k2',
  keys: [
    { id: 'k2', key: k2 },
    { id: 'k1', key: k1 },
  ],
});

function decryptionMessage(fn: () => unknown): string {
  const error = (() => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  if (!(error instanceof DecryptionError))
    throw new Error(`expected a DecryptionError, got ${String(error)}`);
  return `${error.code}|${error.message}`;
}

test('KeyRing › round-trips text and bytes', (t) => {
  t.is(
    ringV1.decryptString(ringV1.encrypt('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')),
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  );
  const bytes = Buffer.from([0, 255, 128, 7]);
  t.deepEqual(ringV1.decrypt(ringV1.encrypt(bytes, 'ep_1'), 'ep_1'), bytes);
  t.is(ringV1.decryptString(ringV1.encrypt('')), '');
});

test('KeyRing › writes v1:<keyId>:<12-byte iv>:<ciphertext + 16-byte tag>, and real AES-256-GCM', (t) => {
  const text = ringV1.encrypt('hello', 'ep_1');
  const [version, keyId, iv, data, ...rest] = text.split(':');
  t.is(version, 'v1');
  t.is(keyId, 'k1');
  t.deepEqual(rest, []);
  const ivBytes = Buffer.from(iv!, 'base64url');
  const dataBytes = Buffer.from(data!, 'base64url');
  t.is(ivBytes.length, 12);
  t.is(dataBytes.length, 'hello'.length + 16);
  // Decrypt with node:crypto directly: the format is standard AES-256-GCM, not something home-made.
  const decipher = createDecipheriv('aes-256-gcm', Buffer.alloc(32, 1), ivBytes);
  decipher.setAAD(Buffer.from('ep_1'));
  decipher.setAuthTag(dataBytes.subarray(-16));
  t.is(Buffer.concat([decipher.update(dataBytes.subarray(0, -16)), decipher.final()]).toString(), 'hello');
});

test('KeyRing › the same plaintext encrypts differently each time', (t) => {
  t.not(ringV1.encrypt('same'), ringV1.encrypt('same'));
});

test('KeyRing › a ciphertext copied to another row (other AAD) does not decrypt', (t) => {
  const text = ringV1.encrypt('secret', 'ep_A');
  t.is(ringV1.decryptString(text, 'ep_A'), 'secret');
  t.is(
    decryptionMessage(() => ringV1.decrypt(text, 'ep_B')),
    'CARAVAN_DECRYPTION_FAILED|Encrypted value under key "k1" failed authentication: it was altered, or it belongs to another row',
  );
  t.throws(() => ringV1.decrypt(text), { instanceOf: DecryptionError });
});

test('KeyRing › any altered byte fails authentication', (t) => {
  const text = ringV1.encrypt('secret value');
  const [version, keyId, iv, data] = text.split(':') as [string, string, string, string];
  const bytes = Buffer.from(data, 'base64url');
  for (const index of [0, bytes.length - 1]) {
    const altered = Buffer.from(bytes);
    altered[index] = altered[index]! ^ 1;
    t.throws(() => ringV1.decrypt([version, keyId, iv, altered.toString('base64url')].join(':')), {
      instanceOf: DecryptionError,
      message: /failed authentication/,
    });
  }
  const otherIv = Buffer.from(iv, 'base64url');
  otherIv[0] = otherIv[0]! ^ 1;
  t.throws(() => ringV1.decrypt([version, keyId, otherIv.toString('base64url'), data].join(':')), {
    instanceOf: DecryptionError,
  });
});

test('KeyRing › a key id not in the ring is named in the error', (t) => {
  const text = ringV2.encrypt('secret');
  t.is(
    decryptionMessage(() => ringV1.decrypt(text)),
    'CARAVAN_DECRYPTION_FAILED|Encrypted value uses key "k2", which is not in the encryption key ring (k1)',
  );
});

test('KeyRing › malformed, truncated and future-format values are refused', (t) => {
  const good = ringV1.encrypt('x');
  t.regex(
    decryptionMessage(() => ringV1.decrypt('plaintext secret')),
    /is not in the form v1:<keyId>:<iv>:<ciphertext>$/,
  );
  t.regex(
    decryptionMessage(() => ringV1.decrypt(`${good}:extra`)),
    /is not in the form/,
  );
  t.regex(
    decryptionMessage(() => ringV1.decrypt(good.replace(/:[^:]*$/, ':not+base64url'))),
    /is not in the form/,
  );
  t.regex(
    decryptionMessage(() => ringV1.decrypt('v1:k1:AAAA:AAAA')),
    /under key "k1" is truncated/,
  );
  t.regex(
    decryptionMessage(() => ringV1.decrypt(good.replace(/^v1/, 'v2'))),
    /uses format v2; this Caravan version reads v1 only$/,
  );
});

test('KeyRing › after rotation old values still decrypt and are re-encrypted under the new primary key', (t) => {
  const old = ringV1.encrypt('whsec_old', 'ep_1');
  t.false(ringV1.needsReencryption(old));
  t.true(ringV2.needsReencryption(old));
  t.is(ringV2.decryptString(old, 'ep_1'), 'whsec_old');

  const renewed = ringV2.reencrypt(old, 'ep_1');
  t.is(ringV2.keyIdOf(renewed), 'k2');
  t.false(ringV2.needsReencryption(renewed));
  t.is(ringV2.decryptString(renewed, 'ep_1'), 'whsec_old');
  t.throws(() => ringV2.decrypt(renewed, 'ep_2'), { instanceOf: DecryptionError }, 'the AAD binding is kept');
  t.is(ringV2.reencrypt(renewed, 'ep_1'), renewed, 'already under the primary key: unchanged');
  t.throws(() => ringV1.decrypt(renewed), { message: /uses key "k2"/ }, 'the old ring cannot read it');
});

test('KeyRing › re-encrypting refuses a value that does not verify', (t) => {
  const old = ringV1.encrypt('whsec_old', 'ep_1');
  t.throws(() => ringV2.reencrypt(old, 'ep_2'), { instanceOf: DecryptionError });
});

test('KeyRing › accepts the frozen configuration and rejects a malformed ring by path', (t) => {
  const frozen = Object.freeze({
    primaryKeyId: 'k1',
    keys: Object.freeze([Object.freeze({ id: 'k1', key: k1 })]),
  });
  t.is(new KeyRing(frozen).primaryKeyId, 'k1');

  const issue = (config: ConstructorParameters<typeof KeyRing>[0]): string => {
    const error = t.throws(() => new KeyRing(config), { instanceOf: ConfigError });
    return `${error.issues[0]?.path}: ${error.issues[0]?.message}`;
  };
  t.is(
    issue({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: Buffer.alloc(16).toString('base64') }] }),
    'encryption.keys[0].key: must be 32 random bytes, base64 (openssl rand -base64 32)',
  );
  t.is(
    issue({ primaryKeyId: 'k:1', keys: [{ id: 'k:1', key: k1 }] }),
    'encryption.keys[0].id: must be 1–32 characters of A-Z a-z 0-9 _ -',
  );
  t.is(
    issue({
      primaryKeyId: 'k1',
      keys: [
        { id: 'k1', key: k1 },
        { id: 'k1', key: k2 },
      ],
    }),
    'encryption.keys[1].id: "k1" is used by two keys',
  );
  t.is(
    issue({ primaryKeyId: 'k9', keys: [{ id: 'k1', key: k1 }] }),
    "encryption.primaryKeyId: must name one of the key ring's ids (k1)",
  );
});
