import test from 'ava';
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from './Webhook.js';

const secret = `whsec_${Buffer.from('a fixed secret of 32 bytes long!').toString('base64')}`;
const other = `whsec_${Buffer.from('another secret, 32 bytes long!!!').toString('base64')}`;
const now = new Date('2026-01-01T00:00:00Z');
const seconds = String(Math.floor(now.getTime() / 1000));
const hook = new Webhook(secret, { now: () => now });
const body = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null');
const msgId = fc.stringMatching(/^msg_[A-Za-z0-9]{1,26}$/);

test('signature headers › whatever the headers, verify passes or throws a WebhookVerificationError', async (t) => {
  const signature = fc.oneof(
    fc.string(),
    fc
      .array(fc.tuple(fc.constantFrom('v1', 'v1a', 'v2', ''), fc.string()), { maxLength: 4 })
      .map((parts) => parts.map(([v, s]) => `${v},${s}`).join(' ')),
    fc.base64String().map((b) => `v1,${b}`),
  );
  const timestamp = fc.oneof(fc.constant(seconds), fc.string(), fc.integer().map(String));
  await fc.assert(
    fc.asyncProperty(msgId, timestamp, signature, body, async (id, ts, sig, text) => {
      try {
        await hook.verify(text, { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': sig });
        t.fail('a forged signature passed');
      } catch (error) {
        t.true(error instanceof WebhookVerificationError, String(error));
      }
    }),
    { numRuns: 500 },
  );
});

test('signature headers › a signed message verifies among any other signatures, and not once a byte changes', async (t) => {
  const rotated = new Webhook(other, { now: () => now });
  await fc.assert(
    fc.asyncProperty(msgId, body, fc.nat({ max: 3 }), fc.nat(), async (id, text, position, flip) => {
      const mine = await hook.sign(id, now, text);
      const theirs = await rotated.sign(id, now, text);
      const list = [theirs, 'v1a,AAAA', 'v2,xyz'];
      list.splice(position % (list.length + 1), 0, mine);
      const headers = { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': list.join(' ') };
      t.deepEqual(await hook.verify(text, headers), JSON.parse(text));
      const bytes = new TextEncoder().encode(text);
      bytes[flip % bytes.length]! ^= 1 << (flip % 8);
      await t.throwsAsync(hook.verify(bytes, headers), { instanceOf: WebhookVerificationError });
      await t.throwsAsync(hook.verify(text, { ...headers, 'webhook-id': `${id}x` }), {
        instanceOf: WebhookVerificationError,
      });
    }),
    { numRuns: 200 },
  );
});
