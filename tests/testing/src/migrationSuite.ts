import { createMigrator, type Database } from '@caravan/core';

/** Tables the schema must hold once migrated; shared by the SQLite and MariaDB migration tests. */
export const expectedTables = [
  'tenants',
  'api_keys',
  'endpoints',
  'endpoint_secrets',
  'endpoint_breakers',
  'event_types',
  'events',
  'deliveries',
  'attempts',
  'sources',
  'source_leases',
  'dead_letters',
  'source_metrics',
  'source_workers',
  'tenant_stats',
  'egress_pools',
  'egress_pool_tenants',
  'jobs',
  'operational_events',
  'idempotency_records',
  'log_partitions',
  'log_records',
  'log_offsets',
];

/** Migrates up, down and up again, returning what a test asserts on at each step. */
export async function migrateUpDownUp(db: Database, directory: string) {
  const migrator = createMigrator({ db, directory });
  const firstUp = await migrator.latest();
  const afterUp = await presentTables(db);
  const statusUp = await migrator.status();
  const down = await migrator.rollback({ all: true });
  const afterDown = await presentTables(db);
  const statusDown = await migrator.status();
  const secondUp = await migrator.latest();
  const afterSecondUp = await presentTables(db);
  return { firstUp, afterUp, statusUp, down, afterDown, statusDown, secondUp, afterSecondUp };
}

async function presentTables(db: Database): Promise<string[]> {
  const present: string[] = [];
  for (const table of expectedTables) if (await db.schema.hasTable(table)) present.push(table);
  return present;
}

/** Writes and reads back rows that exercise the portable column choices (exact bytes, epoch ms). */
export async function roundTripEvent(db: Database) {
  const payload = Buffer.from('{"b":1,  "a":"\u00e9\u{1F600}"}\n', 'utf8');
  const now = 1_764_547_200_123;
  await db('tenants').insert({
    id: 'tnt_roundtrip',
    name: 'Round trip',
    ingest_per_second: 100,
    deliveries_per_second: 100,
    max_endpoints: 10,
    max_payload_bytes: 1_048_576,
    created_at: now,
    updated_at: now,
  });
  await db('events').insert({
    id: 'evt_roundtrip',
    tenant_id: 'tnt_roundtrip',
    event_type: 'invoice.paid',
    payload,
    created_at: now,
  });
  const row = (await db('events').where({ id: 'evt_roundtrip' }).first()) as {
    payload: Buffer | Uint8Array;
    created_at: number | string;
  };
  return { sent: payload, stored: Buffer.from(row.payload), createdAt: row.created_at, now };
}
