import test from 'ava';
import { KeyRing } from '../crypto/KeyRing.js';
import { ManualClock } from '../domain/Clock.js';
import { PortalTokenService } from './PortalTokenService.js';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

test('PortalTokenService › a token opens as its tenant and owner until it expires', (t) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const tokens = new PortalTokenService({
    keyRing: new KeyRing({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: key(1) }] }),
    clock,
  });
  const { token, expiresAt } = tokens.issue({ tenantId: 'tnt_1', ownerId: 'cus_1', ttlSeconds: 60 });
  t.regex(token, /^cpt_[A-Za-z0-9_-]+$/);
  t.is(expiresAt, clock.now() + 60_000);
  t.deepEqual(tokens.verify(token), { kind: 'portal', tenantId: 'tnt_1', ownerId: 'cus_1', expiresAt });
  t.false(token.includes('cus_1'), 'the owner is sealed, not readable');
  clock.advance(60_000);
  t.is(tokens.verify(token), undefined);
});

test('PortalTokenService › survives a rotation of the primary key; another ring cannot open it', (t) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const before = new PortalTokenService({
    keyRing: new KeyRing({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: key(1) }] }),
    clock,
  });
  const { token } = before.issue({ tenantId: 'tnt_1', ownerId: 'cus_1', ttlSeconds: 60 });
  const rotated = new PortalTokenService({
    keyRing: new KeyRing({
      primaryKeyId: 'k2',
      keys: [
        { id: 'k1', key: key(1) },
        { id: 'k2', key: key(2) },
      ],
    }),
    clock,
  });
  t.like(rotated.verify(token), { ownerId: 'cus_1' });
  const stranger = new PortalTokenService({
    keyRing: new KeyRing({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: key(3) }] }),
    clock,
  });
  t.is(stranger.verify(token), undefined);
  for (const bad of ['cpt_', 'cpt_!!!', 'ck_live_x', `${token}=`]) t.is(before.verify(bad), undefined, bad);
});
