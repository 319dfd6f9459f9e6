import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { openDispatchBacking, seedEndpoint, seedTenant } from '../../../../tests/support/dispatching.js';
import { runCaravan } from '../../../../tests/support/caravanProcess.js';
import { KeyRing } from '../../crypto/KeyRing.js';
import { newId } from '../../domain/ids.js';
import type { Database } from '../createDatabase.js';
import { KnexEgressPoolRepository, sealEgressAddresses } from './KnexEgressPoolRepository.js';
import { ENCRYPTED_COLUMNS, reencryptStoredSecrets, type ColumnReport } from './KnexKeyReencryption.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const oldRing = new KeyRing({ primaryKeyId: 'k1', keys: [{ id: 'k1', key: k1 }] });
// Step 1 and 2 of the procedure: the new key is added and made primary; the old one still decrypts.
const rotatingRing = new KeyRing({
  primaryKeyId: 'k2',
  keys: [
    { id: 'k1', key: k1 },
    { id: 'k2', key: k2 },
  ],
});
// Step 4: the old key removed.
const newRing = new KeyRing({ primaryKeyId: 'k2', keys: [{ id: 'k2', key: k2 }] });

/** Every stored secret with its plaintext, written under the old key as Caravan writes them. */
async function seed(db: Database): Promise<Map<string, string>> {
  const plain = new Map<string, string>();
  for (let i = 0; i < 3; i++) {
    const tenantId = await seedTenant(db);
    const ops = `whsec_${randomBytes(24).toString('base64')}`;
    await db('tenants')
      .where({ id: tenantId })
      .update({ operations_secret_encrypted: oldRing.encrypt(ops, `tenant:${tenantId}`) });
    plain.set(`tenants.operations_secret_encrypted/${tenantId}`, ops);
    const ep = await seedEndpoint(db, oldRing, tenantId, { url: 'https://hooks.example/' });
    const more = await seedEndpoint(db, oldRing, tenantId, {
      url: 'https://hooks.example/',
      secrets: [`whsec_${randomBytes(24).toString('base64')}`, `whsec_${randomBytes(24).toString('base64')}`],
    });
    for (const e of [ep, more]) {
      const rows = (await db('endpoint_secrets')
        .where({ endpoint_id: e.id })
        .orderBy('created_at', 'desc')) as {
        id: string;
      }[];
      rows.forEach((row, j) =>
        plain.set(`endpoint_secrets.secret_encrypted/${row.id}`, e.secrets[j] as string),
      );
    }
    const sourceId = newId('src');
    const credentials = JSON.stringify({ password: randomBytes(8).toString('hex') });
    await db('sources').insert({
      id: sourceId,
      tenant_id: tenantId,
      name: `source ${i}`,
      type: 'aws-sqs',
      config: JSON.stringify({}),
      credentials_encrypted: oldRing.encrypt(credentials, sourceId),
      workers: 1,
      format: 'envelope',
      status: 'paused',
      created_at: Date.now(),
      updated_at: Date.now(),
    });
    plain.set(`sources.credentials_encrypted/${sourceId}`, credentials);
    const poolId = newId('pool');
    const addresses = [`http://relay:${randomBytes(8).toString('hex')}@proxy-${i}.example:3128`];
    await insertPool(db, poolId, sealEgressAddresses(oldRing, poolId, addresses));
    plain.set(`egress_pools.credentials_encrypted/${poolId}`, JSON.stringify(addresses));
    // A pool without proxy credentials has nothing to encrypt.
    const bindId = newId('pool');
    await insertPool(db, bindId, sealEgressAddresses(oldRing, bindId, ['127.0.0.1']), 'bind');
    // A source without credentials has nothing to re-encrypt.
    await db('sources').insert({
      id: newId('src'),
      tenant_id: tenantId,
      name: `plain source ${i}`,
      type: 'aws-sqs',
      config: JSON.stringify({}),
      credentials_encrypted: null,
      workers: 1,
      format: 'envelope',
      status: 'paused',
      created_at: Date.now(),
      updated_at: Date.now(),
    });
  }
  return plain;
}

async function insertPool(
  db: Database,
  id: string,
  stored: { addresses: string; credentials_encrypted: string | null },
  mode = 'proxy',
) {
  await db('egress_pools').insert({
    id,
    name: `pool ${id}`,
    mode,
    ...stored,
    public_ips: JSON.stringify(['203.0.113.9']),
    allow_all_tenants: true,
    created_at: Date.now(),
    updated_at: Date.now(),
  });
}

/** Every stored value, decrypted with `ring`, keyed like {@link seed}'s map. */
async function readAll(db: Database, ring: KeyRing): Promise<Record<string, string>> {
  const out = new Map<string, string>();
  for (const spec of ENCRYPTED_COLUMNS) {
    const rows = await db(spec.table)
      .whereNotNull(spec.column)
      .select<{ id: string; value: string }[]>('id', `${spec.column} as value`);
    for (const r of rows)
      out.set(`${spec.table}.${spec.column}/${r.id}`, ring.decryptString(r.value, spec.aad(r.id)));
  }
  return sorted(out);
}

const sorted = (values: Map<string, string>) =>
  Object.fromEntries([...values].sort(([a], [b]) => a.localeCompare(b)));
const total = (reports: ColumnReport[], key: 'scanned' | 'reencrypted') =>
  reports.reduce((sum, r) => sum + r[key], 0);
const underKey = (reports: ColumnReport[], keyId: string) =>
  reports.reduce((sum, r) => sum + (r.byKey[keyId] ?? 0), 0);

async function backing(t: ExecutionContext, backend: 'sqlite' | 'mariadb') {
  const b = await openDispatchBacking(backend);
  t.teardown(() => b.cleanup());
  return b;
}

for (const backend of ['sqlite', 'mariadb'] as const) {
  test(`[${backend}] keys › re-encrypts every stored secret under the new primary key, in batches, so the old key can go`, async (t) => {
    const { db } = await backing(t, backend);
    const plain = await seed(db);
    t.is(plain.size, 3 * (1 + 3 + 1 + 1));

    const status = await reencryptStoredSecrets({ db, keyRing: rotatingRing }, { dryRun: true });
    t.is(underKey(status, 'k1'), plain.size);
    t.is(total(status, 'reencrypted'), 0);
    // Status rewrote nothing: the new key alone cannot read them yet.
    await t.throwsAsync(readAll(db, newRing), { message: /key "k1"/ });

    let batches = 0;
    const done = await reencryptStoredSecrets(
      { db, keyRing: rotatingRing },
      { batchSize: 2, afterBatch: () => void batches++ },
    );
    t.true(batches >= plain.size / 2, `${batches} batches of 2`);
    t.is(total(done, 'reencrypted'), plain.size);
    t.is(underKey(done, 'k2'), plain.size);
    t.is(underKey(done, 'k1'), 0);
    t.deepEqual(await readAll(db, newRing), sorted(plain), 'the new key alone reads every secret');

    const again = await reencryptStoredSecrets({ db, keyRing: rotatingRing }, { batchSize: 2 });
    t.is(total(again, 'reencrypted'), 0, 'a second pass has nothing to do');
    t.is(total(again, 'scanned'), plain.size);
  });

  test(`[${backend}] keys › an interrupted pass is resumed by the next one`, async (t) => {
    const { db } = await backing(t, backend);
    const plain = await seed(db);
    await t.throwsAsync(
      reencryptStoredSecrets(
        { db, keyRing: rotatingRing },
        {
          batchSize: 2,
          afterBatch: () => {
            throw new Error('stopped');
          },
        },
      ),
      { message: 'stopped' },
    );
    const midway = await reencryptStoredSecrets({ db, keyRing: rotatingRing }, { dryRun: true });
    t.is(underKey(midway, 'k2'), 2);
    t.is(underKey(midway, 'k1'), plain.size - 2);
    const rest = await reencryptStoredSecrets({ db, keyRing: rotatingRing }, { batchSize: 3 });
    t.is(total(rest, 'reencrypted'), plain.size - 2);
    t.deepEqual(await readAll(db, newRing), sorted(plain));
  });

  test(`[${backend}] keys › a value no key of the ring can read is reported by id, and the rest still moves`, async (t) => {
    const { db } = await backing(t, backend);
    const plain = await seed(db);
    const stranger = new KeyRing({ primaryKeyId: 'k9', keys: [{ id: 'k9', key: k2 }] });
    const [row] = (await db('endpoint_secrets').select('id').orderBy('id').limit(1)) as { id: string }[];
    await db('endpoint_secrets')
      .where({ id: row!.id })
      .update({ secret_encrypted: stranger.encrypt('lost', row!.id) });
    const reports = await reencryptStoredSecrets({ db, keyRing: rotatingRing });
    const secrets = reports.find((r) => r.column === 'endpoint_secrets.secret_encrypted')!;
    t.deepEqual(
      secrets.failures.map((f) => f.id),
      [row!.id],
    );
    t.regex(secrets.failures[0]!.message, /key "k9"/);
    t.is(underKey(reports, 'unreadable'), 1);
    t.is(total(reports, 'reencrypted'), plain.size - 1);
  });
}

for (const backend of ['sqlite', 'mariadb'] as const) {
  test(`[${backend}] keys › proxy credentials an older version stored in the clear are reported, then sealed`, async (t) => {
    const { db } = await backing(t, backend);
    const poolId = newId('pool');
    const addresses = ['http://relay:s3cret-pass@proxy.example:3128', 'http://open.example:3128'];
    await insertPool(db, poolId, { addresses: JSON.stringify(addresses), credentials_encrypted: null });
    const pools = new KnexEgressPoolRepository({ db, keyRing: newRing });
    t.deepEqual((await pools.get(poolId))?.addresses, addresses, 'a plaintext row still works');

    const status = await reencryptStoredSecrets({ db, keyRing: newRing }, { dryRun: true });
    const column = status.find((r) => r.column === 'egress_pools.credentials_encrypted')!;
    t.deepEqual(column.byKey, { plaintext: 1 });

    const done = await reencryptStoredSecrets({ db, keyRing: newRing });
    t.like(
      done.find((r) => r.column === 'egress_pools.credentials_encrypted'),
      { reencrypted: 1, byKey: { k2: 1 } },
    );
    const raw = (await db('egress_pools').where({ id: poolId }).first()) as Record<string, unknown>;
    t.false(JSON.stringify(raw).includes('s3cret-pass'), 'the raw row holds no password');
    t.deepEqual(JSON.parse(raw.addresses as string), [
      'http://***@proxy.example:3128',
      'http://open.example:3128',
    ]);
    t.deepEqual((await pools.get(poolId))?.addresses, addresses);
    const again = await reencryptStoredSecrets({ db, keyRing: newRing });
    t.is(total(again, 'reencrypted'), 0);
  });
}

test('[sqlite] keys › `caravan keys status` and `reencrypt` report what is left under other keys', async (t) => {
  const b = await backing(t, 'sqlite');
  const plain = await seed(b.db);
  const filename = (b.db.client.config as { connection: { filename: string } }).connection.filename;
  const env = {
    CARAVAN_DATABASE_CLIENT: 'sqlite',
    CARAVAN_DATABASE_FILENAME: filename,
    CARAVAN_ENCRYPTION_KEYS: `k2:${k2},k1:${k1}`,
    CARAVAN_ADMIN_KEY: randomBytes(24).toString('hex'),
    CARAVAN_LOG_LEVEL: 'silent',
  };
  const before = await runCaravan(['keys', 'status'], env);
  t.is(before.code, 1, before.output);
  t.regex(before.output, new RegExp(`${plain.size} stored secret\\(s\\) are not under the primary key "k2"`));
  t.regex(before.output, /endpoint_secrets\.secret_encrypted: 9 values \(k1=9\)/);

  const run = await runCaravan(['keys', 'reencrypt', '--batch-size', '4'], env);
  t.is(run.code, 0, run.output);
  t.regex(run.output, /endpoint_secrets\.secret_encrypted: 9 values, re-encrypted 9 \(k2=9\)/);
  t.regex(run.output, /every stored secret is under the primary key "k2"/);
  t.deepEqual(await readAll(b.db, newRing), sorted(plain));

  const bad = await runCaravan(['keys', 'rotate'], env);
  t.is(bad.code, 1);
  t.regex(bad.output, /unknown action "rotate" \(expected status or reencrypt\)/);
});
