import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import {
  seedDelivery,
  startTestDispatcher,
  type DispatchBackend,
} from '../../../tests/support/dispatching.js';
import { generateHmacSecret } from '../crypto/webhookSecrets.js';
import { newEndpointSecret } from '../management/endpointSecrets.js';

/** A dispatcher on `backend` with the default endpoint cache, and an endpoint with a current and a previous secret. */
async function rotationRig(t: ExecutionContext, backend: DispatchBackend) {
  // The default cache TTL: a target loaded while the old secret was live must not stretch its life.
  const h = await startTestDispatcher(t, backend);
  const { clock, keyRing, tenantId } = h;
  const endpoints = h.storage.endpoints;
  const receiver = await h.receiver();
  const [current, previous] = [generateHmacSecret(), generateHmacSecret()];
  const ep = await h.endpoint({ url: receiver.url, secrets: [current, previous] });

  const deliverAt = async (now: number) => {
    clock.set(now);
    const record = await seedDelivery(h.db, { tenantId, endpointId: ep.id });
    await h.append(record);
    await h.waitForStatus(record.deliveryId, 'succeeded');
    const req = receiver.received.find((r) => r.headers['webhook-id'] === record.eventId)!;
    const signs = (secret: string) => {
      try {
        new Webhook(secret).verify(req.body, req.headers);
        return true;
      } catch {
        return false;
      }
    };
    return { count: req.headers['webhook-signature']!.split(' ').length, signs };
  };
  return { backing: h, clock, keyRing, endpoints, tenantId, ep, current, previous, deliverAt };
}

for (const backend of ['sqlite', 'mariadb'] as DispatchBackend[]) {
  test(`[${backend}] rotation › a previous secret signs until the last millisecond of its grace period, not at its end`, async (t) => {
    const { backing, clock, ep, current, previous, deliverAt } = await rotationRig(t, backend);
    const expiresAt = clock.now() + 60_000;
    await backing.db('endpoint_secrets').where({ endpoint_id: ep.id }).whereNotNull('expires_at').update({
      expires_at: expiresAt,
    });

    const during = await deliverAt(expiresAt - 1);
    t.is(during.count, 2);
    t.true(during.signs(previous), 'one millisecond before the end: the previous secret still signs');
    t.true(during.signs(current));
    const atEnd = await deliverAt(expiresAt);
    t.is(atEnd.count, 1);
    t.false(atEnd.signs(previous), 'at the end of the grace period: it no longer signs');
    t.true(atEnd.signs(current));
  });

  test(`[${backend}] rotation › an emergency rotation signs the next delivery with the new secret only, though the endpoint is cached`, async (t) => {
    const { backing, clock, keyRing, endpoints, tenantId, ep, current, deliverAt } = await rotationRig(
      t,
      backend,
    );
    const before = await deliverAt(clock.now());
    t.true(before.signs(current), 'the endpoint is now cached with its old secrets');

    // The rotation's time must differ from the seeded row's wall-clock `updated_at`, as any later change does.
    const seeded = Number(
      (await backing.db('endpoints').where({ id: ep.id }).first<{ updated_at: number }>()).updated_at,
    );
    const now = clock.now() + (clock.now() + 1 === seeded ? 2 : 1);
    clock.set(now);
    const next = newEndpointSecret(keyRing, { tenantId, endpointId: ep.id }, 'hmac', undefined, now);
    t.is(
      await endpoints.rotateSecret(tenantId, ep.id, next.stored, {
        now,
        previousExpireAt: now,
        maxLivePrevious: 10,
      }),
      'rotated',
    );

    // One millisecond later: far inside the cache's 5 s, yet the rotation applies.
    const after = await deliverAt(now + 1);
    t.is(after.count, 1);
    t.true(after.signs(next.value), 'signed with the new secret');
    t.false(after.signs(current), 'the retired secret no longer signs');
  });
}
