import type { Knex } from 'knex';

// Proxy credentials move out of `addresses` (which then holds them masked) into one key-ring ciphertext of
// the full address list. Rows written before stay readable as they are; `caravan keys reencrypt` seals them.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('egress_pools', (t) => {
    t.text('credentials_encrypted').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('egress_pools', (t) => {
    t.dropColumn('credentials_encrypted');
  });
}
