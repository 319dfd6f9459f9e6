import { createHmac, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { InvalidSecretError } from '../errors/index.js';
import { signedContent, signPayload, webhookHeaders, type SigningSecret } from './signature.js';
import { generateEd25519Secret, generateHmacSecret, parseEd25519PublicKey } from './webhookSecrets.js';

interface ValidVector {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
  signature: string;
}

// The shared folder sits beside the repository (here and in CI), so resolve it from the repo root.
const repoRoot = new URL('../../../', import.meta.url);
const vectors = JSON.parse(
  readFileSync(new URL('../shared/vectors/standard-webhooks.json', repoRoot), 'utf8'),
) as { valid: ValidVector[] };

const hmac = (secret: string): SigningSecret => ({ scheme: 'hmac', secret });
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const msgId = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
const body = '{"type":"invoice.paid","data":{"id":"inv_1","amount":4200}}';

test('signPayload › reproduces the Standard Webhooks reference vector', (t) => {
  t.true(vectors.valid.length > 0);
  for (const v of vectors.valid) {
    t.is(
      signPayload({ msgId: v.id, timestamp: v.timestamp, body: v.body, secrets: [hmac(v.secret)] }),
      v.signature,
    );
    t.is(
      signPayload({
        msgId: v.id,
        timestamp: v.timestamp,
        body: Buffer.from(v.body),
        secrets: [hmac(v.secret)],
      }),
      v.signature,
    );
  }
});

test('signPayload › the official standardwebhooks verifier accepts our HMAC signature', (t) => {
  const secret = generateHmacSecret();
  const headers = webhookHeaders({ msgId, timestamp: nowSeconds(), body, secrets: [hmac(secret)] });
  t.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
  t.throws(() => new Webhook(generateHmacSecret()).verify(body, { ...headers }), {
    instanceOf: WebhookVerificationError,
  });
  t.throws(() => new Webhook(secret).verify(`${body} `, { ...headers }), {
    instanceOf: WebhookVerificationError,
  });
});

test('signPayload › during rotation the official verifier accepts either the old or the new secret', (t) => {
  const [oldSecret, newSecret] = [generateHmacSecret(), generateHmacSecret()];
  const headers = webhookHeaders({
    msgId,
    timestamp: nowSeconds(),
    body,
    secrets: [hmac(newSecret), hmac(oldSecret)],
  });
  t.regex(headers['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
  t.deepEqual(new Webhook(oldSecret).verify(body, { ...headers }), JSON.parse(body));
  t.deepEqual(new Webhook(newSecret).verify(body, { ...headers }), JSON.parse(body));
  t.throws(() => new Webhook(generateHmacSecret()).verify(body, { ...headers }), {
    instanceOf: WebhookVerificationError,
  });
});

test('signPayload › equals the signature made by the official sign', (t) => {
  const secret = generateHmacSecret();
  const timestamp = 1_730_000_000;
  t.is(
    signPayload({ msgId, timestamp, body, secrets: [hmac(secret)] }),
    new Webhook(secret).sign(msgId, new Date(timestamp * 1000), body),
  );
});

test('signPayload › an Ed25519 signature verifies with the whpk_ public key', (t) => {
  const { secret, publicKey } = generateEd25519Secret();
  const timestamp = nowSeconds();
  const header = signPayload({ msgId, timestamp, body, secrets: [{ scheme: 'ed25519', secret }] });
  t.regex(header, /^v1a,[A-Za-z0-9+/]{86}==$/);
  const signature = Buffer.from(header.slice('v1a,'.length), 'base64');
  const key = parseEd25519PublicKey(publicKey);
  t.true(verify(null, Buffer.from(`${msgId}.${timestamp}.${body}`), key, signature));
  t.false(verify(null, Buffer.from(`${msgId}.${timestamp + 1}.${body}`), key, signature));
  const otherKey = parseEd25519PublicKey(generateEd25519Secret().publicKey);
  t.false(verify(null, Buffer.from(`${msgId}.${timestamp}.${body}`), otherKey, signature));
});

test('signPayload › signs with every secret in the order given, mixing schemes', (t) => {
  const ed = generateEd25519Secret();
  const [a, b] = [generateHmacSecret(), generateHmacSecret()];
  const timestamp = nowSeconds();
  const header = signPayload({
    msgId,
    timestamp,
    body,
    secrets: [hmac(a), { scheme: 'ed25519', secret: ed.secret }, hmac(b)],
  });
  const parts = header.split(' ');
  t.deepEqual(
    parts.map((p) => p.split(',')[0]),
    ['v1', 'v1a', 'v1'],
  );
  t.is(parts[0], signPayload({ msgId, timestamp, body, secrets: [hmac(a)] }));
  t.is(parts[2], signPayload({ msgId, timestamp, body, secrets: [hmac(b)] }));
  // The official HMAC verifier skips the v1a entry and still finds its own signature.
  const headers = {
    'webhook-id': msgId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': header,
  };
  t.deepEqual(new Webhook(b).verify(body, headers), JSON.parse(body));
});

test('signPayload › a body differing by one byte (key order, whitespace) gets another signature', (t) => {
  const secrets: SigningSecret[] = [
    hmac(generateHmacSecret()),
    { scheme: 'ed25519', secret: generateEd25519Secret().secret },
  ];
  const sign = (b: string): string => signPayload({ msgId, timestamp: 1_730_000_000, body: b, secrets });
  const base = sign('{"a":1,"b":2}');
  const [baseHmac, baseEd] = base.split(' ');
  for (const other of ['{"b":2,"a":1}', '{"a":1, "b":2}', '{"a":1,"b":2}\n', '{"a":1,"b":3}']) {
    const [otherHmac, otherEd] = sign(other).split(' ');
    t.not(otherHmac, baseHmac, other);
    t.not(otherEd, baseEd, other);
  }
  t.is(sign('{"a":1,"b":2}'), base);
});

test('signPayload › signs the exact body bytes, even when they are not valid UTF-8', (t) => {
  const secret = generateHmacSecret();
  const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${msgId}.1730000000.`), bytes]))
    .digest('base64');
  t.is(
    signPayload({ msgId, timestamp: 1_730_000_000, body: bytes, secrets: [hmac(secret)] }),
    `v1,${expected}`,
  );
  t.not(
    signPayload({ msgId, timestamp: 1_730_000_000, body: bytes.toString(), secrets: [hmac(secret)] }),
    `v1,${expected}`,
    'a re-stringified body is a different message',
  );
  t.deepEqual(signedContent(msgId, 1_730_000_000, bytes).subarray(-bytes.length), bytes);
});

test('webhookHeaders › gives the three Standard Webhooks headers', (t) => {
  const v = vectors.valid[0]!;
  t.deepEqual(
    webhookHeaders({ msgId: v.id, timestamp: v.timestamp, body: v.body, secrets: [hmac(v.secret)] }),
    {
      'webhook-id': v.id,
      'webhook-timestamp': String(v.timestamp),
      'webhook-signature': v.signature,
    },
  );
});

test('signPayload › refuses a millisecond timestamp, no secret, or a malformed secret', (t) => {
  const secrets = [hmac(generateHmacSecret())];
  t.throws(() => signPayload({ msgId, timestamp: Date.now(), body, secrets }), {
    instanceOf: RangeError,
    message: /^webhook-timestamp must be integer epoch seconds, got \d+$/,
  });
  t.throws(() => signPayload({ msgId, timestamp: 1.5, body, secrets }), { instanceOf: RangeError });
  t.throws(() => signPayload({ msgId, timestamp: nowSeconds(), body, secrets: [] }), {
    instanceOf: RangeError,
    message: 'A webhook needs at least one signing secret',
  });
  t.throws(() => signPayload({ msgId, timestamp: nowSeconds(), body, secrets: [hmac('whsec_tooshort=')] }), {
    instanceOf: InvalidSecretError,
  });
  t.throws(
    () =>
      signPayload({
        msgId,
        timestamp: nowSeconds(),
        body,
        secrets: [{ scheme: 'ed25519', secret: generateHmacSecret() }],
      }),
    { instanceOf: InvalidSecretError, message: 'An Ed25519 secret must start with "whsk_"' },
  );
});
