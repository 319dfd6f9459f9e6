import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { Webhook as ReferenceWebhook } from 'standardwebhooks';
import { Webhook, WebhookVerificationError } from './Webhook.js';

interface Vectors {
  toleranceSeconds: number;
  valid: { secret: string; id: string; timestamp: number; body: string; signature: string }[];
  mustFail: { why: string; signatureHeader?: string; timestampOffsetSeconds?: number; drop?: string }[];
  mustPass: { why: string; signatureHeader: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/vectors/standard-webhooks.json', import.meta.url), 'utf8'),
) as Vectors;
const vector = vectors.valid[0]!;
const at = (seconds: number) => () => new Date(seconds * 1000);
const headersOf = (id: string, timestamp: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
});

test('Webhook › verifies the Standard Webhooks reference vector and returns the payload', async (t) => {
  const webhook = new Webhook(vector.secret, { now: at(vector.timestamp) });
  const headers = headersOf(vector.id, vector.timestamp, vector.signature);
  t.deepEqual(await webhook.verify(vector.body, headers), { test: 2432232314 });
  t.deepEqual(await webhook.verify(new TextEncoder().encode(vector.body), new Headers(headers)), {
    test: 2432232314,
  });
  t.is(await webhook.sign(vector.id, new Date(vector.timestamp * 1000), vector.body), vector.signature);
});

for (const c of vectors.mustFail) {
  test(`Webhook › rejects: ${c.why}`, async (t) => {
    const timestamp = vector.timestamp + (c.timestampOffsetSeconds ?? 0);
    const headers: Record<string, string> = headersOf(
      vector.id,
      timestamp,
      c.signatureHeader ?? vector.signature,
    );
    if (c.timestampOffsetSeconds !== undefined) {
      // A fresh signature over the shifted timestamp: only the tolerance may reject it.
      headers['webhook-signature'] = await new Webhook(vector.secret).sign(
        vector.id,
        new Date(timestamp * 1000),
        vector.body,
      );
    }
    if (c.drop) delete headers[c.drop];
    const webhook = new Webhook(vector.secret, { now: at(vector.timestamp) });
    await t.throwsAsync(webhook.verify(vector.body, headers), { instanceOf: WebhookVerificationError });
  });
}

for (const c of vectors.mustPass) {
  test(`Webhook › accepts: ${c.why}`, async (t) => {
    const webhook = new Webhook(vector.secret, { now: at(vector.timestamp) });
    await t.notThrowsAsync(
      webhook.verify(vector.body, headersOf(vector.id, vector.timestamp, c.signatureHeader)),
    );
  });
}

test('Webhook › rejects a body changed by one byte', async (t) => {
  const webhook = new Webhook(vector.secret, { now: at(vector.timestamp) });
  const headers = headersOf(vector.id, vector.timestamp, vector.signature);
  await t.throwsAsync(webhook.verify(vector.body.replace('2432232314', '2432232315'), headers), {
    message: 'no matching signature',
  });
});

test('Webhook › signs and verifies exactly like the standardwebhooks package, both ways', async (t) => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const body = JSON.stringify({ invoiceId: 'in_1', amount: 12.5, note: 'café' });
  const now = new Date();
  const id = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
  const reference = new ReferenceWebhook(secret);
  const ours = new Webhook(secret);

  const theirSignature = reference.sign(id, now, body);
  const ts = Math.floor(now.getTime() / 1000);
  t.deepEqual(await ours.verify(body, headersOf(id, ts, theirSignature)), JSON.parse(body));

  const ourSignature = await ours.sign(id, now, body);
  t.is(ourSignature, theirSignature);
  t.deepEqual(reference.verify(body, headersOf(id, ts, ourSignature)), JSON.parse(body));

  const other = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
  const digest = ourSignature.split(',')[1] ?? '';
  const tampered = `${digest.startsWith('A') ? 'B' : 'A'}${digest.slice(1)}`;
  t.not(tampered, digest);
  t.throws(() => reference.verify(body, headersOf(id, ts, `v1,${tampered}`)));
  await t.throwsAsync(other.verify(body, headersOf(id, ts, theirSignature)));
});

test('Webhook › during a rotation, passes with either the old or the new secret', async (t) => {
  const oldSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const newSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const now = new Date();
  const body = '{"n":1}';
  const header = [
    await new Webhook(newSecret).sign('msg_1', now, body),
    await new Webhook(oldSecret).sign('msg_1', now, body),
  ].join(' ');
  const headers = headersOf('msg_1', Math.floor(now.getTime() / 1000), header);
  t.deepEqual(await new Webhook(oldSecret).verify(body, headers), { n: 1 });
  t.deepEqual(await new Webhook(newSecret).verify(body, headers), { n: 1 });
});

test('Webhook › verifies Ed25519 (v1a) signatures with the whpk_ public key, and only those', async (t) => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const signingKey = `whsk_${Buffer.from(jwk.d!, 'base64url').toString('base64')}`;
  const publicKey = `whpk_${Buffer.from(jwk.x!, 'base64url').toString('base64')}`;
  const now = new Date();
  const body = '{"n":2}';
  const signature = await new Webhook(signingKey).sign('msg_2', now, body);
  t.regex(signature, /^v1a,/);
  const headers = headersOf('msg_2', Math.floor(now.getTime() / 1000), `v1,AAAA ${signature}`);
  t.deepEqual(await new Webhook(publicKey).verify(body, headers), { n: 2 });
  await t.throwsAsync(new Webhook(publicKey).verify('{"n":3}', headers), {
    instanceOf: WebhookVerificationError,
  });
  const otherKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
  await t.throwsAsync(
    new Webhook(`whpk_${Buffer.from(otherKey, 'base64url').toString('base64')}`).verify(body, headers),
  );
  await t.throwsAsync(new Webhook(publicKey).sign('msg_2', now, body), { message: /cannot sign/ });
});

test('Webhook › an invalid secret is reported on use, naming the problem', async (t) => {
  await t.throwsAsync(new Webhook('whsec_!!!').sign('msg', new Date(), '{}'), {
    message: /not valid base64/,
  });
});
